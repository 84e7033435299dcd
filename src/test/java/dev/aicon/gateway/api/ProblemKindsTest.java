package dev.aicon.gateway.api;

import dev.aicon.gateway.failure.FailureKind;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of failure answers with an error status and a problem type no other kind uses. */
class ProblemKindsTest {

    @Test
    void everyFailureKindHasAProblemTypeOfItsOwn() {
        Set<String> types =
                Arrays.stream(FailureKind.values()).map(FailureKind::type).collect(Collectors.toSet());
        assertEquals(FailureKind.values().length, types.size());
    }

    @Test
    void everyFailureKindAnswersWithAnErrorStatus() {
        for (FailureKind kind : FailureKind.values()) {
            assertTrue(kind.status() >= 400 && kind.status() < 600, kind + " answers " + kind.status());
        }
    }

    @Test
    void aProblemTakesStatusAndTypeFromItsKind() {
        Problem problem = Problem.of(FailureKind.AICON_NOT_FOUND, "gone", "/v1/aicons/a");
        assertEquals(404, problem.status());
        assertEquals("urn:aicon:problem:aicon-not-found", problem.type());
        assertEquals("Not Found", problem.title());
    }
}

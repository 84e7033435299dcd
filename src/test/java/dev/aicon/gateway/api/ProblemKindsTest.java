package dev.aicon.gateway.api;

import dev.aicon.gateway.service.ServiceException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every kind of service failure has its problem status and type; none falls through to a default. */
class ProblemKindsTest {

    @Test
    void everyServiceExceptionHasAProblemKind() {
        Set<Class<?>> subclasses = Arrays.stream(ServiceException.class.getPermittedSubclasses())
                .collect(Collectors.toSet());
        assertEquals(subclasses, Set.copyOf(Problems.KINDS.keySet()));
    }
}

package dev.aicon.gateway.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AIconValidatorTest {

    private final AIconValidator validator = new AIconValidator(1024);

    private List<String> fieldsOf(ObjectNode document) {
        return validator.validate("a", document).stream().map(Violation::field).toList();
    }

    private ObjectNode withFactor(String factorJson) {
        ObjectNode document = Fixtures.json("{\"name\":\"n\",\"aicon_type\":\"t\"}");
        document.putObject("state_factors").set("f", Fixtures.json(factorJson));
        return document;
    }

    @Test
    void whatTheSdkWritesIsValid() {
        assertEquals(List.of(), validator.validate("a", Fixtures.sdkDocument("a")));
        assertEquals(
                List.of(),
                fieldsOf(withFactor(
                        "{\"type\":\"continuous\",\"value\":1e-300,\"constraints\":null," + "\"shape\":[]}")));
        assertEquals(
                List.of(),
                fieldsOf(withFactor("{\"type\":\"discrete\",\"value\":40.0,"
                        + "\"distribution\":\"poisson\",\"params\":{\"rate\":40.0}}")));
        assertEquals(
                List.of(),
                fieldsOf(withFactor("{\"type\":\"categorical\",\"categories\":[\"x\"],"
                        + "\"value\":\"x\",\"params\":{\"probs\":[0.9999999]}}")));
    }

    @Test
    void continuousRules() {
        assertEquals(
                List.of("state_factors.f.value"), fieldsOf(withFactor("{\"type\":\"continuous\",\"value\":\"x\"}")));
        assertEquals(
                List.of("state_factors.f.params.scale"),
                fieldsOf(withFactor("{\"type\":\"continuous\",\"value\":1,\"params\":{\"scale\":-1}}")));
        assertEquals(
                List.of("state_factors.f.value"),
                fieldsOf(withFactor("{\"type\":\"continuous\",\"value\":5,\"constraints\":{\"upper\":4}}")));
    }

    @Test
    void categoricalRules() {
        assertEquals(
                List.of("state_factors.f.categories"),
                fieldsOf(withFactor("{\"type\":\"categorical\",\"categories\":[],\"value\":\"x\"}")));
        assertEquals(
                List.of("state_factors.f.params.probs"),
                fieldsOf(withFactor("{\"type\":\"categorical\","
                        + "\"categories\":[\"x\",\"y\"],\"value\":\"x\",\"params\":{\"probs\":[1.0]}}")));
        assertEquals(
                List.of("state_factors.f.params.probs[0]", "state_factors.f.params.probs[1]"),
                fieldsOf(withFactor("{\"type\":\"categorical\","
                        + "\"categories\":[\"x\",\"y\"],\"value\":\"x\",\"params\":{\"probs\":[1.5,-0.5]}}")));
        assertEquals(
                List.of("state_factors.f.categories"),
                fieldsOf(withFactor("{\"type\":\"categorical\",\"value\":\"x\"}")));
    }

    @Test
    void discreteRules() {
        assertEquals(
                List.of("state_factors.f.value"),
                fieldsOf(withFactor("{\"type\":\"discrete\",\"value\":-1,\"constraints\":{\"lower\":0}}")));
        assertEquals(
                List.of("state_factors.f.value"),
                fieldsOf(withFactor("{\"type\":\"discrete\",\"value\":4,\"categories\":[1,2,3]}")));
        assertEquals(List.of(), fieldsOf(withFactor("{\"type\":\"discrete\",\"value\":2.0,\"categories\":[1,2,3]}")));
    }

    @Test
    void namesAndGraph() {
        ObjectNode document =
                withFactor("{\"type\":\"continuous\",\"value\":1," + "\"relationships\":{\"depends_on\":[\"f\"]}}");
        assertTrue(validator.validate("a", document).get(0).message().contains("f -> f"));
        ObjectNode badName = Fixtures.json("{\"name\":\"n\",\"aicon_type\":\"t\",\"state_factors\":"
                + "{\"a/b\":{\"type\":\"continuous\",\"value\":1}}}");
        assertEquals(List.of("state_factors.a/b"), fieldsOf(badName));
        assertEquals(
                List.of("state_factors"),
                fieldsOf(Fixtures.json("{\"name\":\"n\",\"aicon_type\":\"t\"," + "\"state_factors\":[1]}")));
    }

    @Test
    void identifiers() {
        assertTrue(Identifiers.isValid("abc.DEF_1:2-3"));
        for (String bad : List.of("", ".", "..", "a..b", "a/b", "a b", "é", "x".repeat(129))) {
            assertTrue(!Identifiers.isValid(bad), bad);
        }
    }

    @Test
    void textNoStoreCanHoldIsNamedWhereverItIs() {
        ObjectNode document = Fixtures.json("{\"name\":\"a\\u0000\",\"aicon_type\":\"t\\ud800\","
                + "\"sensors\":[\"ok\",\"b\\udc00\"],\"run_stats\":{\"k\\u0000\":1}}");
        assertEquals(List.of("name", "aicon_type", "sensors[1]", "run_stats.k\\u0000"), fieldsOf(document));
        assertEquals(List.of(), fieldsOf(Fixtures.json("{\"name\":\"\\ud83d\\ude00 pair\",\"aicon_type\":\"t\"}")));
    }

    @Test
    void indexedFieldsHoldAtMost1024BytesOfUtf8() {
        String limit = "\u00e9".repeat(512);
        assertEquals(
                List.of(), fieldsOf(Fixtures.json("{\"name\":\"" + limit + "\",\"aicon_type\":\"" + limit + "\"}")));
        assertEquals(
                List.of("name", "aicon_type"),
                fieldsOf(Fixtures.json(
                        "{\"name\":\"" + limit + "a\"," + "\"aicon_type\":\"" + "t".repeat(1025) + "\"}")));
    }
}

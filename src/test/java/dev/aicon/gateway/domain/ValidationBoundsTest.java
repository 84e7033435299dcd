package dev.aicon.gateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule is one pass over the document: hostile shapes cost time and memory in proportion to their size. */
class ValidationBoundsTest {

    private static final Duration FAST = Duration.ofSeconds(5);

    private final AIconValidator validator = new AIconValidator(1024);

    @Test
    void manyEqualCategoriesAreOneViolationFoundInOnePass() {
        ArrayNode categories = Fixtures.MAPPER.createArrayNode();
        for (int i = 0; i < 300_000; i++) {
            categories.add("same");
        }
        Violations found =
                assertTimeoutPreemptively(FAST, () -> validator.check("a", Fixtures.categoricalDocument(categories)));
        assertEquals(
                List.of(new Violation(
                        "state_factors.f.categories[1]",
                        "duplicates categories[0] (the value is listed 300000 times)")),
                found.list());
        assertEquals(1, found.total());
    }

    @Test
    void eachRepeatedValueIsOneViolationAndTheListIsCapped() {
        ArrayNode categories = Fixtures.MAPPER.createArrayNode();
        for (int i = 0; i < 1500; i++) {
            categories.add("c" + i).add("c" + i);
        }
        Violations found = validator.check("a", Fixtures.categoricalDocument(categories));
        assertEquals(1500, found.total());
        assertEquals(Violations.KEPT, found.list().size());
        assertEquals(
                new Violation("state_factors.f.categories[1]", "duplicates categories[0]"),
                found.list().get(0));
        assertEquals(
                new Violation("state_factors.f.categories[3]", "duplicates categories[2]"),
                found.list().get(1));
    }

    @Test
    void equalNumbersAreDuplicatesAndCollidingTextsAreNot() {
        ArrayNode numbers = Fixtures.MAPPER.createArrayNode().add(2).add(2.0).add(20e-1);
        assertEquals(
                List.of(new Violation(
                        "state_factors.f.categories[1]", "duplicates categories[0] (the value is listed 3 times)")),
                validator.validate("a", Fixtures.categoricalDocument(numbers)));
        ArrayNode colliding = Fixtures.MAPPER.createArrayNode();
        for (String text : List.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa")) {
            colliding.add(text);
        }
        assertEquals("Aa".hashCode(), "BB".hashCode());
        assertEquals(List.of(), validator.validate("a", Fixtures.categoricalDocument(colliding)));
        ArrayNode objects = Fixtures.MAPPER.createArrayNode();
        objects.add(Fixtures.json("{\"a\":1,\"b\":2}")).add(Fixtures.json("{\"b\":2,\"a\":1}"));
        assertEquals(
                1, validator.check("a", Fixtures.categoricalDocument(objects)).total());
    }

    @Test
    void twoHundredThousandBadValuesAreCountedWithTheFirstHundredListed() {
        ObjectNode document = Fixtures.json("{\"name\":\"n\",\"aicon_type\":\"t\"}");
        ArrayNode values = document.putArray("values");
        for (int i = 0; i < 200_000; i++) {
            values.add("bad\u0000");
        }
        Violations found = assertTimeoutPreemptively(FAST, () -> validator.check("a", document));
        assertEquals(200_000, found.total());
        assertEquals(Violations.KEPT, found.list().size());
        assertEquals("values[0]", found.list().get(0).field());
        assertEquals("values[99]", found.list().get(99).field());
    }

    @Test
    void nestingDeeperThanTheParserReadsBackIsAViolationNotAStackOverflow() {
        ObjectNode document = Fixtures.json("{\"name\":\"n\",\"aicon_type\":\"t\"}");
        ObjectNode deepest = document;
        for (int depth = 2; depth <= AIconValidator.MAX_DEPTH + 5; depth++) {
            deepest = deepest.putObject("d");
        }
        deepest.put("bad", "\u0000");
        Violations found = validator.check("a", document);
        assertEquals(1, found.total(), found.list().toString());
        assertTrue(
                found.list().get(0).message().contains("nests deeper than " + AIconValidator.MAX_DEPTH),
                found.list().toString());
        assertEquals(AIconValidator.MAX_DEPTH, found.list().get(0).field().split("\\.").length);
    }

    @Test
    void keysAndPathsInAnswersAreCut() {
        String longKey = "k".repeat(100_000);
        ObjectNode document = Fixtures.json("{\"name\":\"n\",\"aicon_type\":\"t\"}");
        ObjectNode nested = document;
        for (int i = 0; i < 50; i++) {
            nested = nested.putObject(longKey);
        }
        nested.put("bad", "\u0000");
        Violation only = validator.validate("a", document).get(0);
        assertTrue(
                only.field().length() < 50 * (StorableText.SHOWN_CHARS + 4) + 10,
                "field length " + only.field().length());
        assertTrue(
                only.field().endsWith("...bad"),
                only.field().substring(only.field().length() - 20));
    }

    @Test
    void longDependencyChainsAndCyclesAreWalkedWithoutRecursion() {
        Map<String, List<String>> chain = new LinkedHashMap<>();
        int length = 50_000;
        for (int i = 0; i < length; i++) {
            chain.put("f" + i, i + 1 < length ? List.of("f" + (i + 1)) : List.of());
        }
        Violations acyclic = new Violations();
        assertTimeoutPreemptively(FAST, () -> new FactorGraph(chain).check(acyclic));
        assertTrue(acyclic.isEmpty(), acyclic.list().toString());

        chain.put("f" + (length - 1), List.of("f0"));
        Violations cyclic = new Violations();
        new FactorGraph(chain).check(cyclic);
        assertEquals(1, cyclic.total());
        assertTrue(cyclic.list().get(0).message().startsWith("dependency cycle: f0 -> f1 -> f2"));
        assertTrue(cyclic.list().get(0).message().endsWith("f49999 -> f0"));
    }

    @Test
    void aCycleReachedFromOutsideIsNamedFromWhereItStarts() {
        Map<String, List<String>> graph = new LinkedHashMap<>();
        graph.put("a", List.of("b"));
        graph.put("b", List.of("c"));
        graph.put("c", List.of("b"));
        Violations found = new Violations();
        new FactorGraph(graph).check(found);
        assertEquals(
                List.of(new Violation("state_factors.b.relationships.depends_on", "dependency cycle: b -> c -> b")),
                found.list());
    }

    @Test
    void aDeepPatchCostsOneCopyOfTheTarget() {
        ObjectNode target = Fixtures.MAPPER.createObjectNode();
        ObjectNode patch = Fixtures.MAPPER.createObjectNode();
        ObjectNode t = target;
        ObjectNode p = patch;
        List<ObjectNode> levels = new ArrayList<>();
        for (int i = 0; i < AIconValidator.MAX_DEPTH - 1; i++) {
            for (int k = 0; k < 200; k++) {
                t.put("v" + k, k);
            }
            levels.add(t);
            t = t.putObject("d");
            p = p.putObject("d");
        }
        p.put("leaf", true);
        JsonNode merged = assertTimeoutPreemptively(FAST, () -> MergePatch.apply(target, patch));
        JsonNode leafParent = merged;
        for (int i = 0; i < AIconValidator.MAX_DEPTH - 1; i++) {
            leafParent = leafParent.get("d");
        }
        assertTrue(leafParent.get("leaf").asBoolean());
        assertEquals(199, merged.get("d").get("v199").asInt());
        assertTrue(levels.get(levels.size() - 1).get("d").isEmpty(), "the target is left as it was");
    }
}

package dev.aicon.gateway.domain;

import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.store.memory.MemoryAIconStore;
import dev.aicon.gateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules of conditional writes without a gateway, on AIcons as the memory store keeps them: {@code If-Match}
 * compares strongly and fails on a missing AIcon, {@code If-None-Match} compares weakly ({@code *} makes a PUT
 * create-only), tags that are not quoted versions never match, and a bulk item's {@code expected_version} means the
 * same as the headers.
 */
class PreconditionsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final MemoryAIconStore store = new MemoryAIconStore(false, 100);

    /** The AIcon {@code id} written {@code versions} times in the memory store, as it is read back. */
    private Optional<AIcon> storedAt(String id, long versions) {
        for (long version = 1; version <= versions; version++) {
            store.write(new StoreWrite(
                            TenantId.DEFAULT,
                            Fixtures.sdkAIcon(id).stamped(version, Timestamps.now()),
                            version - 1,
                            new StoreWrite.Replace()))
                    .await()
                    .atMost(WAIT);
        }
        return current(id);
    }

    private Optional<AIcon> current(String id) {
        return store.get(TenantId.DEFAULT, id).await().atMost(WAIT);
    }

    @Test
    void withoutConditionsEveryWriteIsAllowed() {
        assertTrue(Preconditions.NONE.allowWriteOn(Optional.empty()));
        assertTrue(Preconditions.NONE.allowWriteOn(storedAt("plain", 2)));
        assertTrue(Preconditions.of(" ", "").allowWriteOn(current("plain")), "blank headers are no condition");
        assertNull(TagSet.parse("  "));
    }

    @Test
    void ifMatchAllowsOnlyTheCurrentVersionComparedStrongly() {
        Optional<AIcon> v2 = storedAt("if-match", 2);
        assertTrue(Preconditions.of("\"2\"", null).allowWriteOn(v2));
        assertFalse(Preconditions.of("\"1\"", null).allowWriteOn(v2), "a stale version is a 412");
        assertFalse(Preconditions.of("\"3\"", null).allowWriteOn(v2), "a future version is a 412");
        assertFalse(Preconditions.of("W/\"2\"", null).allowWriteOn(v2), "a weak tag never matches If-Match");
        assertTrue(Preconditions.of("\"1\", W/\"3\" ,\"2\"", null).allowWriteOn(v2), "any tag of a list may match");
        assertFalse(Preconditions.of("2", null).allowWriteOn(v2), "an unquoted version is not a tag");
        assertTrue(Preconditions.of("*", null).allowWriteOn(v2));
    }

    @Test
    void ifMatchOnAMissingAIconFailsEvenWithAStar() {
        assertFalse(Preconditions.of("*", null).allowWriteOn(current("never-written")));
        assertFalse(Preconditions.of("\"1\"", null).allowWriteOn(Optional.empty()));
    }

    @Test
    void ifNoneMatchStarMakesAWriteCreateOnly() {
        Preconditions createOnly = Preconditions.of(null, "*");
        assertTrue(createOnly.allowWriteOn(current("create-only")));
        Optional<AIcon> created = storedAt("create-only", 1);
        assertFalse(createOnly.allowWriteOn(created), "the AIcon exists now");
    }

    @Test
    void ifNoneMatchComparesWeakly() {
        Optional<AIcon> v2 = storedAt("if-none-match", 2);
        assertFalse(Preconditions.of(null, "W/\"2\"").allowWriteOn(v2));
        assertFalse(Preconditions.of(null, "\"2\"").allowWriteOn(v2));
        assertTrue(Preconditions.of(null, "\"1\"").allowWriteOn(v2));
    }

    @Test
    void aWriteAllowedOnARevisionIsRefusedOnceAnotherWriterMovedPastIt() {
        Optional<AIcon> read = storedAt("two-writers", 1);
        Preconditions bothSend = Preconditions.of("\"" + read.orElseThrow().version() + "\"", null);
        assertTrue(bothSend.allowWriteOn(current("two-writers")), "the first writer's condition holds");
        store.write(new StoreWrite(
                        TenantId.DEFAULT,
                        Fixtures.sdkAIcon("two-writers").stamped(2, Timestamps.now()),
                        1,
                        new StoreWrite.Replace()))
                .await()
                .atMost(WAIT);
        assertEquals(2, current("two-writers").orElseThrow().version());
        assertFalse(bothSend.allowWriteOn(current("two-writers")), "the second writer gets 412");
    }

    @Test
    void anExpectedVersionOfABulkItemMeansTheSameAsTheHeaders() {
        Optional<AIcon> v3 = storedAt("bulk-item", 3);
        assertTrue(Preconditions.expectingVersion(0).allowWriteOn(Optional.empty()), "0: must not exist yet");
        assertFalse(Preconditions.expectingVersion(0).allowWriteOn(v3));
        assertTrue(Preconditions.expectingVersion(3).allowWriteOn(v3));
        assertFalse(Preconditions.expectingVersion(2).allowWriteOn(v3));
        assertFalse(Preconditions.expectingVersion(3).allowWriteOn(Optional.empty()));
    }

    @Test
    void entitiesTaggedOtherwiseFollowTheSameRules() {
        String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        assertTrue(Preconditions.of("\"" + sha + "\"", null).allowWriteOnTag(sha));
        assertFalse(Preconditions.of("\"other\"", null).allowWriteOnTag(sha));
        assertFalse(Preconditions.of("\"" + sha + "\"", null).allowWriteOnTag(null), "no brain yet: 412");
        assertFalse(Preconditions.of(null, "*").allowWriteOnTag(sha));
        assertTrue(Preconditions.of(null, "*").allowWriteOnTag(null));
    }
}

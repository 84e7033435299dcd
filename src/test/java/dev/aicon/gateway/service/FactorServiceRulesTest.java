package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.failure.FailureKind;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.support.Fixtures;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The single-factor rules of {@link FactorService}, on the real memory store, without starting Quarkus. */
class FactorServiceRulesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectNode FACTOR = Fixtures.json("{\"type\":\"continuous\",\"value\":1}");

    @TempDir
    Path journalDir;

    private MemoryStoreServices services;
    private FactorService factors;

    @BeforeEach
    void buildServices() throws IOException {
        services = new MemoryStoreServices(journalDir);
        factors = new FactorService(services.writes);
    }

    private AIcon create(String id) {
        AIcon first = Fixtures.sdkAIcon(id);
        return services.writes
                .onCurrent(
                        TenantId.DEFAULT,
                        id,
                        Preconditions.NONE,
                        read -> services.writes.save(TenantId.DEFAULT, read, first, new StoreWrite.Replace()))
                .await()
                .atMost(WAIT)
                .aicon();
    }

    private AIcon stored(String id) {
        return services.memory.get(TenantId.DEFAULT, id).await().atMost(WAIT).orElseThrow();
    }

    private static FailureKind kindOf(Uni<?> call) {
        return assertThrows(ServiceException.class, () -> call.await().atMost(WAIT))
                .kind();
    }

    @Test
    void aFactorPutOnAMissingAIconIsAIconNotFoundAndStoresNothing() {
        String id = Fixtures.uniqueId("missing");
        assertEquals(
                FailureKind.AICON_NOT_FOUND,
                kindOf(factors.put(TenantId.DEFAULT, id, "x", FACTOR, Preconditions.NONE)));
        assertTrue(
                services.memory.get(TenantId.DEFAULT, id).await().atMost(WAIT).isEmpty());
    }

    @Test
    void aStaleIfMatchIsPreconditionFailedAndStoresNothing() {
        String id = Fixtures.uniqueId("stale");
        AIcon created = create(id);
        Preconditions stale = Preconditions.expectingVersion(created.version() + 1);
        assertEquals(FailureKind.PRECONDITION_FAILED, kindOf(factors.put(TenantId.DEFAULT, id, "x", FACTOR, stale)));
        assertEquals(created, stored(id));
    }

    @Test
    void deletingAFactorAnotherDependsOnIsFactorInUseAndStoresNothing() {
        String id = Fixtures.uniqueId("in-use");
        AIcon created = create(id);
        assertEquals(
                FailureKind.FACTOR_IN_USE,
                kindOf(factors.delete(TenantId.DEFAULT, id, "market_size", Preconditions.NONE)));
        assertEquals(created, stored(id));
    }

    @Test
    void aSuccessfulPutBumpsTheVersionByExactlyOneAndTheStoreHoldsIt() {
        String id = Fixtures.uniqueId("put");
        AIcon created = create(id);
        WriteResult written = factors.put(
                        TenantId.DEFAULT, id, "x", FACTOR, Preconditions.expectingVersion(created.version()))
                .await()
                .atMost(WAIT);
        assertEquals(created.version() + 1, written.aicon().version());
        AIcon held = stored(id);
        assertEquals(created.version() + 1, held.version());
        assertEquals(FACTOR, held.factors().get("x"));
        assertFalse(written.journaled(), "the store was available: the write reached it, not the journal");
    }
}

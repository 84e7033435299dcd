package dev.aicon.gateway.controlplane;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.config.AuditConfig;
import dev.aicon.gateway.controlplane.file.FileControlPlane;
import dev.aicon.gateway.domain.Role;
import dev.aicon.gateway.domain.TenantId;
import io.quarkus.runtime.configuration.MemorySize;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileControlPlaneTest extends ControlPlaneContract {

    @TempDir
    Path dir;

    private FileControlPlane store;

    @BeforeEach
    void open() throws IOException {
        store = FileControlPlane.open(dir, new ObjectMapper(), audit(16 * 1024 * 1024, 64), Instant.now());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    protected ControlPlaneStore store() {
        return store;
    }

    @Test
    void tenantsKeysAndTheAuditSurviveARestart() throws IOException {
        ControlPlane plane = new ControlPlane(store, java.time.Clock.systemUTC());
        TenantId tenant = await(plane.createTenant("acme")).id();
        IssuedKey kept = await(plane.issueKey(tenant, Set.of(Role.WRITER), "kept", null, false));
        IssuedKey revoked = await(plane.issueKey(tenant, Set.of(Role.READER), "gone", null, false));
        await(plane.revokeKey(tenant, revoked.record().keyId()));
        AuditEvent event = new AuditEvent(Instant.now(), "k", tenant, "POST /v1/aicons", "a", 1L, 201, "ok");
        await(store.append(event));
        store.close();

        store = FileControlPlane.open(dir, new ObjectMapper(), audit(16 * 1024 * 1024, 64), Instant.now());
        assertTrue(await(store.findTenant(tenant)).isPresent());
        assertTrue(await(store.findTenant(TenantId.DEFAULT)).isPresent());
        assertTrue(await(store.findByHash(ApiKeySecrets.sha256Hex(kept.key())))
                .orElseThrow()
                .usableAt(Instant.now()));
        assertNotNull(await(store.findByHash(revoked.record().sha256Hex()))
                .orElseThrow()
                .revoked());
        await(store.append(event));
        AuditPage page = await(store.query(AuditQuery.all(10)));
        assertEquals(2, page.items().size());
        assertTrue(page.items().get(0).id() > page.items().get(1).id(), "ids go on after a restart");
        String keys = Files.readString(dir.resolve("keys.json"));
        assertFalse(keys.contains(kept.key()), "the key itself is never written");
    }

    @Test
    void theAuditRotatesItsSegmentsAndKeepsTheirNumberBounded() throws IOException {
        store.close();
        store = FileControlPlane.open(dir, new ObjectMapper(), audit(600, 3), Instant.now());
        for (int i = 0; i < 30; i++) {
            await(store.append(new AuditEvent(
                    Instant.now(), "s", TenantId.DEFAULT, "PUT /v1/aicons/{id}", "a" + i, (long) i, 200, "ok")));
        }
        try (Stream<Path> segments = Files.list(dir.resolve("audit"))) {
            assertEquals(3, segments.count());
        }
        List<AuditEntry> newest = await(store.query(AuditQuery.all(1))).items();
        assertEquals("a29", newest.get(0).event().aiconId());
    }

    private static AuditConfig audit(long segmentBytes, int maxSegments) {
        return new AuditConfig() {
            @Override
            public Duration retention() {
                return Duration.ofDays(90);
            }

            @Override
            public Duration pruneInterval() {
                return Duration.ofHours(1);
            }

            @Override
            public File file() {
                return new File() {
                    @Override
                    public MemorySize segmentBytes() {
                        return new MemorySize(java.math.BigInteger.valueOf(segmentBytes));
                    }

                    @Override
                    public int maxSegments() {
                        return maxSegments;
                    }

                    @Override
                    public int queue() {
                        return 1000;
                    }
                };
            }
        };
    }
}

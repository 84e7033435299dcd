package dev.aicon.gateway.cache;

import dev.aicon.gateway.domain.AIconKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AIcons whose cache update after an accepted write (a refresh or a delete marker) did not reach Redis, so Redis
 * may still hold an older version of them. This gateway reads them from the store until a bump of the cache
 * generation confirms them. A marker file, fsynced before the write is acknowledged, outlives a crash: a gateway
 * that starts with it reads nothing from the cache until it has bumped the generation. Its size is the gauge
 * {@code aicon.cache.invalidations.pending} (a marker left by an earlier run counts as one).
 */
public final class MissedInvalidations {

    static final String MARKER = "cache-invalidations-missed";

    private final Path marker;
    private final Set<AIconKey> ids = ConcurrentHashMap.newKeySet();
    private volatile boolean fromEarlierRun;
    private boolean markerWritten;

    public MissedInvalidations(Path dir, MeterRegistry registry) {
        this.marker = dir.resolve(MARKER);
        this.fromEarlierRun = Files.exists(marker);
        this.markerWritten = fromEarlierRun;
        if (fromEarlierRun) {
            Log.warnf(
                    "%s: an earlier run missed cache invalidations; the cache is not read until its generation "
                            + "is bumped",
                    marker);
        }
        registry.gauge("aicon.cache.invalidations.pending", this, MissedInvalidations::pending);
    }

    /** True when a read of the AIcon {@code id} (tenant and id) must not use the cache. */
    public boolean bypass(AIconKey id) {
        return fromEarlierRun || (!ids.isEmpty() && ids.contains(id));
    }

    public boolean any() {
        return fromEarlierRun || !ids.isEmpty();
    }

    public int pending() {
        return ids.size() + (fromEarlierRun ? 1 : 0);
    }

    /** Records a missed invalidation in memory; true when it is the first one pending. */
    public boolean add(AIconKey id) {
        boolean first = !any();
        ids.add(id);
        return first;
    }

    /** Makes the pending state durable (blocking: call it on a worker thread); a no-op once the marker exists. */
    public synchronized void persist(AIconKey id) {
        if (markerWritten || !ids.contains(id)) {
            return;
        }
        try {
            Files.createDirectories(marker.getParent());
            try (FileChannel channel = FileChannel.open(
                    marker,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(("cache invalidations missed; the cache generation must be bumped "
                                + "before the cache is read\n")
                        .getBytes(StandardCharsets.UTF_8)));
                channel.force(false);
            }
            markerWritten = true;
        } catch (IOException e) {
            Log.errorf(
                    "could not record a missed cache invalidation in %s (%s): a restart before Redis answers "
                            + "again may read %s from the cache",
                    marker, e.toString(), id);
        }
    }

    /** What a bump about to be sent will confirm. */
    public Snapshot snapshot() {
        return new Snapshot(Set.copyOf(ids), fromEarlierRun);
    }

    /** The bump taken after {@code snapshot} landed (blocking: call it on a worker thread). */
    public synchronized void confirmed(Snapshot snapshot) {
        ids.removeAll(snapshot.ids());
        if (snapshot.fromEarlierRun()) {
            fromEarlierRun = false;
        }
        if (markerWritten && !any()) {
            try {
                Files.deleteIfExists(marker);
                markerWritten = false;
            } catch (IOException e) {
                Log.warnf(
                        "could not remove %s (%s); the next start bumps the cache generation once more",
                        marker, e.toString());
            }
        }
    }

    /** The missed invalidations a bump covers. */
    public record Snapshot(Set<AIconKey> ids, boolean fromEarlierRun) {

        public int size() {
            return ids.size() + (fromEarlierRun ? 1 : 0);
        }
    }
}

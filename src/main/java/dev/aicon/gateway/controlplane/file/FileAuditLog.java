package dev.aicon.gateway.controlplane.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.controlplane.AuditEntry;
import dev.aicon.gateway.controlplane.AuditEvent;
import dev.aicon.gateway.controlplane.AuditPage;
import dev.aicon.gateway.controlplane.AuditQuery;
import dev.aicon.gateway.work.BlockingWork;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import org.jspecify.annotations.Nullable;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The file backend's audit trail: JSON lines in segments {@code audit-<first id>.jsonl} under one directory, appended
 * by one thread of its own ({@code aicon-audit}, with a bounded queue), so no caller ever waits on the disk and ids
 * grow in file order. A segment past {@code aicon.audit.file.segment-bytes} is closed and a new one begun; past
 * {@code aicon.audit.file.max-segments} the oldest goes. Reads and pruning run on the same thread. Lines are flushed
 * to the operating system at once, not forced to disk one by one.
 */
final class FileAuditLog implements Closeable {

    private static final String PREFIX = "audit-";
    private static final String SUFFIX = ".jsonl";

    private final Path dir;
    private final ObjectMapper mapper;
    private final long segmentBytes;
    private final int maxSegments;
    private final ThreadPoolExecutor writer;
    private long lastId;
    private @Nullable OutputStream active;
    private @Nullable Path activePath;
    private long activeBytes;

    FileAuditLog(Path dir, ObjectMapper mapper, long segmentBytes, int maxSegments, int queue) throws IOException {
        this.dir = dir;
        this.mapper = mapper;
        this.segmentBytes = segmentBytes;
        this.maxSegments = Math.max(1, maxSegments);
        Files.createDirectories(dir);
        List<Path> segments = segments();
        this.lastId = segments.isEmpty() ? 0 : lastIdOf(segments.get(segments.size() - 1));
        this.writer =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), runnable -> {
                    Thread thread = new Thread(runnable, "aicon-audit");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    Uni<Void> append(AuditEvent event) {
        return BlockingWork.on(writer, () -> {
            write(new AuditEntry(lastId + 1, event));
            lastId++;
            return null;
        });
    }

    Uni<AuditPage> query(AuditQuery query) {
        return BlockingWork.on(writer, () -> read(query));
    }

    Uni<Long> prune(Instant cutoff) {
        return BlockingWork.on(writer, () -> removeBefore(cutoff));
    }

    private void write(AuditEntry entry) throws IOException {
        byte[] line =
                (mapper.writeValueAsString(ControlJson.audit(mapper, entry)) + "\n").getBytes(StandardCharsets.UTF_8);
        if (active == null || (activeBytes > 0 && activeBytes + line.length > segmentBytes)) {
            openSegment(entry.id());
        }
        OutputStream out = active;
        if (out == null) {
            throw new IllegalStateException("no audit segment open");
        }
        out.write(line);
        out.flush();
        activeBytes += line.length;
    }

    private void openSegment(long firstId) throws IOException {
        closeActive();
        List<Path> segments = segments();
        Path path = dir.resolve(String.format("%s%020d%s", PREFIX, firstId, SUFFIX));
        while (segments.size() >= maxSegments) {
            Path oldest = segments.remove(0);
            Log.warnf(
                    "audit: %d segments reached (aicon.audit.file.max-segments); removing the oldest, %s, before "
                            + "its retention",
                    maxSegments, oldest.getFileName());
            Files.deleteIfExists(oldest);
        }
        active = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        activePath = path;
        activeBytes = Files.size(path);
    }

    private AuditPage read(AuditQuery query) throws IOException {
        List<Path> segments = segments();
        List<AuditEntry> matching = new ArrayList<>();
        for (int i = segments.size() - 1; i >= 0 && matching.size() <= query.limit(); i--) {
            Path segment = segments.get(i);
            if (query.beforeId() != null && firstIdOf(segment) >= query.beforeId()) {
                continue;
            }
            List<AuditEntry> entries = entries(segment);
            for (int j = entries.size() - 1; j >= 0 && matching.size() <= query.limit(); j--) {
                if (query.matches(entries.get(j))) {
                    matching.add(entries.get(j));
                }
            }
        }
        return AuditPage.of(matching, query.limit());
    }

    private long removeBefore(Instant cutoff) throws IOException {
        long removed = 0;
        for (Path segment : segments()) {
            List<AuditEntry> entries = entries(segment);
            List<AuditEntry> kept = entries.stream()
                    .filter(entry -> !entry.event().at().isBefore(cutoff))
                    .toList();
            if (kept.size() == entries.size()) {
                if (!entries.isEmpty()) {
                    break; // segments are written in time order: later ones hold nothing older
                }
                continue;
            }
            removed += entries.size() - kept.size();
            boolean isActive = segment.equals(activePath);
            if (isActive) {
                closeActive();
            }
            if (kept.isEmpty()) {
                Files.delete(segment);
            } else {
                StringBuilder text = new StringBuilder();
                for (AuditEntry entry : kept) {
                    text.append(mapper.writeValueAsString(ControlJson.audit(mapper, entry)))
                            .append('\n');
                }
                AtomicFiles.replace(segment, text.toString().getBytes(StandardCharsets.UTF_8));
                if (isActive) {
                    active = Files.newOutputStream(segment, StandardOpenOption.APPEND);
                    activePath = segment;
                    activeBytes = Files.size(segment);
                }
            }
        }
        return removed;
    }

    /** The entries of {@code segment} in file order; a line cut short by a crash is skipped. */
    private List<AuditEntry> entries(Path segment) throws IOException {
        List<AuditEntry> entries = new ArrayList<>();
        if (!Files.exists(segment)) {
            return entries;
        }
        for (String line : Files.readAllLines(segment, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(ControlJson.audit(mapper.readTree(line)));
            } catch (JsonProcessingException | RuntimeException e) {
                Log.warnf("audit: skipping an unreadable line of %s", segment.getFileName());
            }
        }
        return entries;
    }

    private long lastIdOf(Path segment) throws IOException {
        List<AuditEntry> entries = entries(segment);
        long last = firstIdOf(segment) - 1;
        for (AuditEntry entry : entries) {
            last = Math.max(last, entry.id());
        }
        return last;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(path -> {
                        String name = path.getFileName().toString();
                        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
                    })
                    .sorted()
                    .toList());
        }
    }

    private static long firstIdOf(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }

    private void closeActive() throws IOException {
        if (active != null) {
            active.close();
            active = null;
            activePath = null;
            activeBytes = 0;
        }
    }

    @Override
    public void close() {
        writer.execute(() -> {
            try {
                closeActive();
            } catch (IOException e) {
                Log.warnf("audit: closing the active segment failed: %s", e.toString());
            }
        });
        writer.shutdown();
    }
}

package dev.aicon.gateway.blob;

import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.SlowReadersProfile;
import dev.aicon.gateway.support.TestCredential;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 256 MiB brain of zeros (stored in a few KiB) read at once by four clients that pause between reads: each gets
 * every byte with the right SHA-256, and the spool, whose quota (300 MiB) could not hold two decompressed copies,
 * stays nearly empty while they read, because brains are decompressed as they are sent. A fifth read at the same
 * time is past {@code aicon.blob.max-concurrent-reads} (4 here) and gets 503 with {@code Retry-After}.
 */
@QuarkusTest
@TestProfile(SlowReadersProfile.class)
class SlowBrainReadersTest {

    private static final long SIZE = 256L * 1024 * 1024;
    private static final int READERS = 4;
    private static final long SPOOL_LIMIT = 8L * 1024 * 1024;

    @Inject
    BlobQuotas quotas;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void fourSlowReadersOfAWellCompressed256MiBBrainGetEveryByteAndTheSpoolStaysEmpty() throws Exception {
        String id = BrainContract.create();
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        HttpResponse<String> put = http.send(
                request(id)
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new DigestInputStream(zeros(SIZE), sent)),
                                SIZE))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, put.statusCode(), put.body());
        String sha = HexFormat.of().formatHex(sent.digest());
        long stored = Fixtures.json(put.body()).get("stored_size").asLong();
        assertTrue(stored < 1024 * 1024, "256 MiB of zeros are stored in " + stored + " bytes");

        AtomicLong peakSpool = new AtomicLong();
        AtomicLong peakReserved = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(
                () -> {
                    peakSpool.accumulateAndGet(sizeOf(Path.of(SlowReadersProfile.DIR, "spool")), Math::max);
                    peakReserved.accumulateAndGet(quotas.spool().used(), Math::max);
                },
                0,
                20,
                TimeUnit.MILLISECONDS);
        ExecutorService clients = Executors.newFixedThreadPool(READERS);
        long started = System.nanoTime();
        try {
            List<Future<String>> reads = new ArrayList<>();
            CountDownLatch answered = new CountDownLatch(READERS);
            for (int i = 0; i < READERS; i++) {
                reads.add(clients.submit(() -> slowRead(id, sha, answered)));
            }
            assertTrue(answered.await(2, TimeUnit.MINUTES), "every reader got its answer's head");
            HttpResponse<String> fifth = http.send(request(id).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, fifth.statusCode(), fifth.body());
            assertEquals("5", fifth.headers().firstValue("Retry-After").orElse(""));
            assertTrue(fifth.body().contains("aicon.blob.max-concurrent-reads"), fifth.body());
            for (Future<String> read : reads) {
                assertEquals(sha, read.get(3, TimeUnit.MINUTES), "every reader gets every byte");
            }
        } finally {
            clients.shutdownNow();
            sampler.shutdownNow();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(
                "%d slow readers of a 256 MiB brain: %d ms, spool peak %d bytes, reserved peak %d bytes%n",
                READERS, millis, peakSpool.get(), peakReserved.get());
        assertTrue(peakSpool.get() < SPOOL_LIMIT, "the spool held " + peakSpool.get() + " bytes during the reads");
        assertTrue(peakReserved.get() < SPOOL_LIMIT, "the spool quota counted " + peakReserved.get() + " bytes");
    }

    /** Reads the brain 256 KiB at a time with a 5 ms pause after each (at most ~50 MiB/s); the SHA-256 it got. */
    private String slowRead(String id, String etag, CountDownLatch answered) throws Exception {
        HttpResponse<InputStream> get = http.send(request(id).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        answered.countDown();
        assertEquals(200, get.statusCode());
        assertEquals(
                Long.toString(SIZE), get.headers().firstValue("Content-Length").orElse(""));
        assertEquals("\"" + etag + "\"", get.headers().firstValue("ETag").orElse(""));
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long total = 0;
        try (InputStream body = get.body()) {
            byte[] chunk;
            while ((chunk = body.readNBytes(256 * 1024)).length > 0) {
                received.update(chunk);
                total += chunk.length;
                // pacing, not waiting: a slow reader is the behaviour under test
                Thread.sleep(5);
            }
        }
        assertEquals(SIZE, total);
        return HexFormat.of().formatHex(received.digest());
    }

    private static HttpRequest.Builder request(String id) {
        return HttpRequest.newBuilder(URI.create(BrainContract.base() + "/v1/aicons/" + id + "/brain"))
                .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                .timeout(Duration.ofMinutes(3));
    }

    private static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> {
                        try {
                            return Files.size(file);
                        } catch (IOException gone) {
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static InputStream zeros(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return read(new byte[1], 0, 1) < 0 ? -1 : 0;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                Arrays.fill(buffer, offset, offset + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }
}

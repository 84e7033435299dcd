package dev.aicon.gateway.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.store.GuardedStore;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.SlowClientProfile;
import dev.aicon.gateway.support.SseClient;
import dev.aicon.gateway.support.TestCredential;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that stops reading its stream while writes go on: the gateway holds at most
 * {@code aicon.events.client-buffer-bytes} for it (measured by the pending-bytes peak), cuts it off with a reconnect
 * hint (giving its stream slot back), and the client resumes from the last id it read with nothing lost or
 * repeated.
 */
@QuarkusTest
@TestProfile(SlowClientProfile.class)
class SlowClientTest {

    private static final long LIMIT = 64 * 1024;
    private static final int BATCH = 500;
    private static final int MAX_BATCHES = 400;

    @Inject
    GuardedStore store;

    @Inject
    MeterRegistry registry;

    @Inject
    EventDispatcher dispatcher;

    @Inject
    StreamSlots slots;

    private double cutOffs() {
        return registry.counter("aicon.sse.cutoffs").count();
    }

    private void writeBatch(String prefix, int batch) {
        List<StoreWrite> writes = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            String id = prefix + "-" + batch + "-" + i;
            ObjectNode document =
                    Fixtures.MAPPER.createObjectNode().put("name", "n").put("aicon_type", "slow");
            document.putObject(AIcon.FACTORS);
            writes.add(new StoreWrite(
                    TenantId.DEFAULT,
                    AIcon.fromDocument(id, document).stamped(1, Timestamps.now()),
                    0,
                    new StoreWrite.Replace()));
        }
        store.writeAll(writes).await().atMost(Duration.ofSeconds(30));
        dispatcherCaughtUp();
    }

    /**
     * Waits until the dispatcher has handed every written event to the streams, so the writer never runs far ahead
     * of delivery: the stalled client is cut off by what it was sent, and a resumed stream replays a quiet outbox.
     */
    private void dispatcherCaughtUp() {
        long newest = store.eventRange().await().atMost(Duration.ofSeconds(5)).newest();
        Awaitility.await("the dispatcher delivers event " + newest)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> dispatcher.cursor().await().atMost(Duration.ofSeconds(5)) >= newest);
    }

    @Test
    void aClientThatStopsReadingIsCutOffWithBoundedBufferingAndResumesWithoutLossOrRepeats() throws Exception {
        double cutOffsBefore = cutOffs();
        String prefix = Fixtures.uniqueId("slow");
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), RestAssured.port));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/events?aicon_type=slow HTTP/1.1\r\nHost: 127.0.0.1\r\n" + TestCredential.HEADER + ": "
                            + TestCredential.AUTHORIZATION + "\r\nAccept: text/event-stream"
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            while (!received.toString(StandardCharsets.UTF_8).contains("retry: ")) {
                received.write(in.read());
            }

            int batches = 0;
            while (cutOffs() == cutOffsBefore && batches < MAX_BATCHES) {
                writeBatch(prefix, batches++);
            }
            assertTrue(cutOffs() > cutOffsBefore, "not cut off after " + batches * BATCH + " events");
            double peak = registry.get("aicon.sse.pending.bytes.peak").gauge().value();
            assertTrue(
                    peak <= LIMIT + 1024, "the gateway held " + peak + " bytes for the client (limit " + LIMIT + ")");

            socket.setSoTimeout(20_000);
            in.transferTo(received);
            Awaitility.await("the cut-off stream gives its slot back")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> slots.open() == 0);
            String text = received.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("event: slow-client"), "the cut-off tells the client why");
            List<Long> ids = ids(text);
            assertTrue(ids.size() > 100, "the client had received events before it stalled: " + ids.size());
            assertContiguous(ids);
            long lastRead = ids.get(ids.size() - 1);
            long newest =
                    store.eventRange().await().atMost(Duration.ofSeconds(5)).newest();
            assertTrue(newest - lastRead > LIMIT / 200, "events were written after the client stalled");

            try (SseClient resumed = SseClient.connect(
                    RestAssured.baseURI + ":" + RestAssured.port + "/v1/events?aicon_type=slow",
                    Long.toString(lastRead))) {
                List<SseClient.Event> rest = resumed.take((int) (newest - lastRead), Duration.ofSeconds(60));
                List<Long> resumedIds =
                        rest.stream().map(e -> Long.parseLong(e.id())).toList();
                assertEquals(lastRead + 1, resumedIds.get(0));
                assertEquals(newest, resumedIds.get(resumedIds.size() - 1));
                assertContiguous(resumedIds);
            }
        }
    }

    private static List<Long> ids(String text) {
        List<Long> ids = new ArrayList<>();
        Matcher matcher = Pattern.compile("(?m)^id: (\\d+)$").matcher(text);
        while (matcher.find()) {
            ids.add(Long.parseLong(matcher.group(1)));
        }
        return ids;
    }

    /** The memory store assigns ids one apart, so any gap is a lost event and any step back a repeat. */
    private static void assertContiguous(List<Long> ids) {
        for (int i = 1; i < ids.size(); i++) {
            assertEquals(ids.get(i - 1) + 1, ids.get(i), "event after " + ids.get(i - 1));
        }
    }
}

package dev.aicon.gateway.support;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The detector sees blocking calls on a real Vert.x event loop, and only there. */
class EventLoopBlockingDetectorTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        EventLoopBlockingDetector.install();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void waitingOnALatchOnAnEventLoopIsCaughtWithItsStack() throws Exception {
        onEventLoop(() -> new CountDownLatch(1).await(1, TimeUnit.MILLISECONDS));

        List<String> caught = EventLoopViolations.drain();
        String park = caught.stream()
                .filter(report ->
                        report.startsWith("Blocking call jdk.internal.misc.Unsafe#park on vert.x-eventloop-thread-"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the latch's park was not caught: " + caught));
        assertTrue(park.contains(EventLoopBlockingDetectorTest.class.getName()), park);
    }

    @Test
    void fileExistsAndDeleteOnAnEventLoopAreCaught() throws Exception {
        Path file = Files.createTempFile("detector", ".json");

        onEventLoop(() -> Files.exists(file));
        onEventLoop(() -> Files.deleteIfExists(file));

        List<String> caught = EventLoopViolations.drain();
        assertTrue(
                caught.stream().anyMatch(report -> report.contains("UnixNativeDispatcher.exists0")), caught.toString());
        assertTrue(
                caught.stream().anyMatch(report -> report.contains("UnixNativeDispatcher.unlink0")), caught.toString());
    }

    @Test
    void theSameCallsOnAWorkerPassUnseen() throws Exception {
        Path file = Files.createTempFile("detector", ".json");

        vertx.executeBlocking(() -> {
                    new CountDownLatch(1).await(1, TimeUnit.MILLISECONDS);
                    return Files.deleteIfExists(file);
                })
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        assertEquals(List.of(), EventLoopViolations.drain());
    }

    private static <T> T onEventLoop(Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(ignored -> {
            try {
                result.complete(action.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }
}

package dev.aicon.gateway.api;

import dev.aicon.gateway.service.BrainChunks;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.jspecify.annotations.Nullable;

/**
 * Sends a brain's original bytes as they are decompressed, with back-pressure: one chunk is read at a time on an
 * {@code aicon-brain} thread, and the next is only asked for once the response can take more (its drain handler
 * otherwise), so a slow client holds a few chunks of memory and no thread while it waits. The last chunk is held
 * back until the bytes are proven to match the recorded SHA-256; if they do not, the connection is closed before
 * the body is complete, so a client never receives damaged bytes as a complete answer. Callbacks run on the
 * request's event loop.
 */
final class BrainSend {

    private final RoutingContext routing;
    private final Context context;
    private final HttpServerResponse response;
    private final BrainChunks chunks;
    private final Problems problems;
    private final Runnable finished;
    private @Nullable Buffer held;
    private boolean reading;
    private boolean stopped;

    private BrainSend(
            RoutingContext routing, Context context, BrainChunks chunks, Problems problems, Runnable finished) {
        this.routing = routing;
        this.context = context;
        this.response = routing.response();
        this.chunks = chunks;
        this.problems = problems;
        this.finished = finished;
    }

    /**
     * Starts sending; the response's headers (Content-Length included) are already set. {@code finished} runs once
     * the stream is closed, whether the brain was sent whole or not.
     */
    static void start(
            RoutingContext routing, Context context, BrainChunks chunks, Problems problems, Runnable finished) {
        BrainSend send = new BrainSend(routing, context, chunks, problems, finished);
        context.runOnContext(v -> {
            send.response.closeHandler(closed -> send.stop());
            send.read();
        });
    }

    private void read() {
        if (reading) {
            return;
        }
        reading = true;
        chunks.next()
                .subscribe()
                .with(
                        chunk -> context.runOnContext(v -> arrived(chunk)),
                        failure -> context.runOnContext(v -> failed(failure)));
    }

    private void arrived(byte[] chunk) {
        reading = false;
        if (stopped || response.closed()) {
            stopped = true;
            finish();
            return;
        }
        if (chunk == null) {
            stopped = true;
            finish();
            response.end(held == null ? Buffer.buffer() : held);
            return;
        }
        if (held != null) {
            response.write(held);
        }
        held = Buffer.buffer(chunk);
        if (response.writeQueueFull()) {
            response.drainHandler(drained -> {
                response.drainHandler(null);
                if (!stopped) {
                    read();
                }
            });
        } else {
            read();
        }
    }

    private void failed(Throwable failure) {
        reading = false;
        boolean wasStopped = stopped;
        stopped = true;
        finish();
        if (!wasStopped) {
            if (response.headWritten()) {
                Log.warnf(
                        "sending the brain at %s stopped after its head was sent: %s",
                        routing.request().path(), failure.toString());
            }
            problems.send(routing, failure);
        }
    }

    private void finish() {
        chunks.close();
        finished.run();
    }

    private void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (!reading) {
            finish();
        }
    }
}

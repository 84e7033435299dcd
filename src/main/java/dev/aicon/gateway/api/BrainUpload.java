package dev.aicon.gateway.api;

import dev.aicon.gateway.blob.BrainMeta;
import dev.aicon.gateway.blob.InsufficientStorage;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.service.BrainService;
import dev.aicon.gateway.service.BrainUploads;
import dev.aicon.gateway.service.SpooledUpload;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Receives a brain upload over HTTP: checks what the request itself shows before any byte is read (type, declared
 * size), lets {@link BrainUploads} check the AIcon and the preconditions and reserve the declared length (only then
 * does a client that sent {@code Expect: 100-continue} get its 100), then streams the body to the upload's spool
 * file with back-pressure, and cuts it off with 413 at {@code aicon.blob.max-bytes}. The received upload is handed
 * back to {@link BrainUploads}, which stores it and removes the file; the answer follows on the connection.
 */
@ApplicationScoped
public class BrainUpload {

    private final BrainUploads uploads;

    BrainUpload(BrainUploads uploads) {
        this.uploads = uploads;
    }

    void receive(
            RoutingContext context, TenantId tenant, String id, BiConsumer<BrainService.BrainWritten, Throwable> done) {
        HttpServerRequest request = context.request();
        request.pause();
        String type = String.valueOf(request.getHeader("Content-Type")).toLowerCase(Locale.ROOT);
        boolean pickle = type.startsWith(BrainRoutes.PYTHON_PICKLE);
        if (!pickle && !type.startsWith(BrainRoutes.OCTET_STREAM)) {
            done.accept(
                    null,
                    RequestRejected.unsupportedMediaType("a brain is sent as " + BrainRoutes.OCTET_STREAM + ", or as "
                            + BrainRoutes.PYTHON_PICKLE + " to record it as a pickle"));
            return;
        }
        String format = pickle ? BrainMeta.PICKLE : null;
        if (RequestNumbers.declaresMoreThan(request, uploads.maxBytes())) {
            done.accept(null, tooLarge());
            return;
        }
        Preconditions preconditions = BrainRoutes.preconditions(context);
        Context connection = context.vertx().getOrCreateContext();
        Executor onConnection = command -> connection.runOnContext(v -> command.run());
        uploads.begin(tenant, id, preconditions, RequestNumbers.declared(request))
                .emitOn(onConnection)
                .subscribe()
                .with(
                        upload -> spool(context, upload, onConnection, (received, failure) -> {
                            if (failure != null) {
                                done.accept(null, failure);
                                return;
                            }
                            uploads.store(tenant, id, upload, format, preconditions)
                                    .emitOn(onConnection)
                                    .subscribe()
                                    .with(written -> done.accept(written, null), error -> done.accept(null, error));
                        }),
                        error -> done.accept(null, error));
    }

    private void spool(
            RoutingContext context, SpooledUpload upload, Executor onConnection, BiConsumer<Void, Throwable> done) {
        context.vertx()
                .fileSystem()
                .open(upload.file().toString(), new OpenOptions().setWrite(true))
                .onSuccess(out -> new Receiving(context.request(), out, upload, onConnection, done).start())
                .onFailure(
                        e -> upload.discard().emitOn(onConnection).subscribe().with(v -> done.accept(null, e)));
    }

    /** One body in flight: hand each chunk to the upload, write it; pause the sender while the disk catches up. */
    private final class Receiving {
        private final HttpServerRequest request;
        private final AsyncFile out;
        private final SpooledUpload upload;
        private final Executor onConnection;
        private final BiConsumer<Void, Throwable> done;
        private boolean failed;
        private boolean handedOver;

        Receiving(
                HttpServerRequest request,
                AsyncFile out,
                SpooledUpload upload,
                Executor onConnection,
                BiConsumer<Void, Throwable> done) {
            this.request = request;
            this.out = out;
            this.upload = upload;
            this.onConnection = onConnection;
            this.done = done;
        }

        void start() {
            request.handler(this::chunk);
            request.exceptionHandler(e -> abort(e));
            if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
                request.response().writeContinue();
            }
            request.endHandler(v -> {
                if (failed) {
                    return;
                }
                out.close().onComplete(closed -> {
                    if (closed.failed()) {
                        abort(closed.cause());
                    } else {
                        handedOver = true;
                        done.accept(null, null);
                    }
                });
            });
            request.resume();
        }

        private void chunk(Buffer chunk) {
            if (failed) {
                return;
            }
            if (upload.size() + chunk.length() > uploads.maxBytes()) {
                abort(tooLarge());
                return;
            }
            try {
                upload.take(chunk.getBytes());
            } catch (InsufficientStorage full) {
                abort(full);
                return;
            }
            out.write(chunk);
            if (out.writeQueueFull()) {
                request.pause();
                out.drainHandler(v -> request.resume());
            }
        }

        private void abort(Throwable failure) {
            if (failed || handedOver) {
                return;
            }
            failed = true;
            out.close()
                    .onComplete(closed ->
                            upload.discard().emitOn(onConnection).subscribe().with(v -> done.accept(null, failure)));
        }
    }

    private RequestRejected tooLarge() {
        return RequestRejected.brainTooLarge(uploads.maxBytes());
    }
}

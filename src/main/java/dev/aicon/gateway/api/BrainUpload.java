package dev.aicon.gateway.api;

import dev.aicon.gateway.blob.BlobQuotas;
import dev.aicon.gateway.blob.BrainMeta;
import dev.aicon.gateway.blob.DiskQuota;
import dev.aicon.gateway.blob.InsufficientStorage;
import dev.aicon.gateway.config.BlobConfig;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.service.BrainReader;
import dev.aicon.gateway.service.BrainService;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Receives a brain upload: checks what can be checked before any byte is read (type, declared size, the AIcon,
 * the preconditions; only then does a client that sent {@code Expect: 100-continue} get its 100), then streams
 * the body to a spool file with back-pressure, hashing and counting it, and cuts
 * it off with 413 at {@code aicon.blob.max-bytes}. Its bytes are reserved in the spool quota
 * ({@code aicon.blob.spool-max-bytes}) before they are written: a declared length up front, so an upload that cannot
 * fit is refused with 507 before a byte is read; otherwise 1 MiB at a time as it arrives. The spooled file is handed
 * to {@link BrainService} and removed afterwards, whatever happened, and only then is its reservation released.
 */
@ApplicationScoped
public class BrainUpload {

    private static final long RESERVE_STEP = 1024 * 1024;

    private final BrainService brains;
    private final Vertx vertx;
    private final long maxBytes;
    private final Path spool;
    private final DiskQuota quota;

    BrainUpload(BrainService brains, Vertx vertx, BlobConfig blobs, BlobQuotas quotas) {
        this.brains = brains;
        this.vertx = vertx;
        this.maxBytes = blobs.maxBytes().asLongValue();
        this.spool = Path.of(blobs.spoolDir());
        this.quota = quotas.spool();
    }

    void receive(RoutingContext context, String id, BiConsumer<BrainService.BrainWritten, Throwable> done) {
        HttpServerRequest request = context.request();
        request.pause();
        String type = String.valueOf(request.getHeader("Content-Type")).toLowerCase(Locale.ROOT);
        boolean pickle = type.startsWith(BrainRoutes.PYTHON_PICKLE);
        if (!pickle && !type.startsWith(BrainRoutes.OCTET_STREAM)) {
            done.accept(null, new RequestRejected(415, "unsupported-media-type", "a brain is sent as "
                    + BrainRoutes.OCTET_STREAM + ", or as " + BrainRoutes.PYTHON_PICKLE + " to record it as a pickle"));
            return;
        }
        String format = pickle ? BrainMeta.PICKLE : null;
        if (RequestNumbers.declaresMoreThan(request, maxBytes)) {
            done.accept(null, tooLarge());
            return;
        }
        Preconditions preconditions = BrainRoutes.preconditions(context);
        brains.checkBeforeUpload(id, preconditions).subscribe().with(ok -> {
            long declared = RequestNumbers.declared(request);
            try {
                quota.reserve(declared);
            } catch (InsufficientStorage full) {
                done.accept(null, full);
                return;
            }
            spool(request, declared, (receiving, failure) -> {
                if (failure != null) {
                    done.accept(null, failure);
                    return;
                }
                brains.put(id, receiving.received(), format, preconditions).subscribe().with(
                        written -> receiving.discard().onComplete(v -> done.accept(written, null)),
                        error -> receiving.discard().onComplete(v -> done.accept(null, error)));
            });
        }, error -> done.accept(null, error));
    }

    private void spool(HttpServerRequest request, long reserved, BiConsumer<Receiving, Throwable> done) {
        vertx.fileSystem().createTempFile(spool.toString(), "upload-", ".part", (String) null)
                .compose(name -> vertx.fileSystem().open(name, new OpenOptions().setWrite(true))
                        .onSuccess(out -> new Receiving(request, out, Path.of(name), reserved, done).start()))
                .onFailure(e -> {
                    quota.release(reserved);
                    done.accept(null, e);
                });
    }

    /** One upload in flight: hash, count and write each chunk; pause the sender while the disk catches up. */
    private final class Receiving {
        private final HttpServerRequest request;
        private final AsyncFile out;
        private final Path file;
        private final BiConsumer<Receiving, Throwable> done;
        private final MessageDigest sha256 = BrainReader.sha256();
        private long reserved;
        private long size;
        private boolean failed;
        private boolean handedOver;
        private @Nullable Future<Void> discarded;

        Receiving(HttpServerRequest request, AsyncFile out, Path file, long reserved,
                BiConsumer<Receiving, Throwable> done) {
            this.request = request;
            this.out = out;
            this.file = file;
            this.reserved = reserved;
            this.done = done;
        }

        BrainService.Received received() {
            return new BrainService.Received(file, size, HexFormat.of().formatHex(sha256.digest()));
        }

        /** Deletes the spooled file, then gives its bytes back to the quota; once, however often it is called. */
        Future<Void> discard() {
            if (discarded != null) {
                return discarded;
            }
            discarded = vertx.fileSystem().delete(file.toString()).andThen(deleted -> {
                quota.release(reserved);
                if (deleted.failed()) {
                    Log.warnf("could not delete spooled upload %s: %s", file, deleted.cause().getMessage());
                }
            });
            return discarded;
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
                        done.accept(this, null);
                    }
                });
            });
            request.resume();
        }

        private void chunk(Buffer chunk) {
            if (failed) {
                return;
            }
            size += chunk.length();
            if (size > maxBytes) {
                abort(tooLarge());
                return;
            }
            if (size > reserved) {
                long more = Math.max(RESERVE_STEP, size - reserved);
                try {
                    quota.reserve(more);
                } catch (InsufficientStorage full) {
                    abort(full);
                    return;
                }
                reserved += more;
            }
            sha256.update(chunk.getBytes());
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
            out.close().onComplete(closed -> discard().onComplete(v -> done.accept(null, failure)));
        }
    }

    private RequestRejected tooLarge() {
        return new RequestRejected(413, "brain-too-large", "the brain is larger than the limit of " + maxBytes
                + " bytes (aicon.blob.max-bytes)");
    }
}

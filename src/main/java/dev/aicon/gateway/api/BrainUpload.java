package dev.aicon.gateway.api;

import dev.aicon.gateway.blob.BrainMeta;
import dev.aicon.gateway.config.BlobConfig;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.service.BrainReader;
import dev.aicon.gateway.service.BrainService;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Receives a brain upload: checks what can be checked before any byte is read (type, declared size, the AIcon,
 * the preconditions; only then does a client that sent {@code Expect: 100-continue} get its 100), then streams
 * the body to a spool file with back-pressure, hashing and counting it, and cuts
 * it off with 413 at {@code aicon.blob.max-bytes}. The spooled file is handed to {@link BrainService} and removed
 * afterwards, whatever happened.
 */
@ApplicationScoped
public class BrainUpload {

    private final BrainService brains;
    private final Vertx vertx;
    private final long maxBytes;
    private final Path spool;

    BrainUpload(BrainService brains, Vertx vertx, BlobConfig blobs) throws IOException {
        this.brains = brains;
        this.vertx = vertx;
        this.maxBytes = blobs.maxBytes().asLongValue();
        this.spool = Path.of(blobs.spoolDir());
        Files.createDirectories(spool);
        try (Stream<Path> leftovers = Files.list(spool)) {
            for (Path leftover : leftovers.filter(f -> f.getFileName().toString().endsWith(".part")).toList()) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    void receive(RoutingContext context, String id, BiConsumer<BrainService.BrainWritten, Throwable> done) {
        HttpServerRequest request = context.request();
        request.pause();
        String type = String.valueOf(request.getHeader("Content-Type")).toLowerCase();
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
        brains.checkBeforeUpload(id, preconditions).subscribe().with(ok -> spool(request, (received, failure) -> {
            if (failure != null) {
                done.accept(null, failure);
                return;
            }
            brains.put(id, received, format, preconditions).subscribe().with(written -> {
                delete(received.file());
                done.accept(written, null);
            }, error -> {
                delete(received.file());
                done.accept(null, error);
            });
        }), error -> done.accept(null, error));
    }

    private void spool(HttpServerRequest request, BiConsumer<BrainService.Received, Throwable> done) {
        vertx.fileSystem().createTempFile(spool.toString(), "upload-", ".part", (String) null)
                .compose(name -> vertx.fileSystem().open(name, new OpenOptions().setWrite(true))
                        .onSuccess(out -> new Receiving(request, out, Path.of(name), done).start()))
                .onFailure(e -> done.accept(null, e));
    }

    /** One upload in flight: hash, count and write each chunk; pause the sender while the disk catches up. */
    private final class Receiving {
        private final HttpServerRequest request;
        private final AsyncFile out;
        private final Path file;
        private final BiConsumer<BrainService.Received, Throwable> done;
        private final MessageDigest sha256 = BrainReader.sha256();
        private long size;
        private boolean failed;

        Receiving(HttpServerRequest request, AsyncFile out, Path file,
                BiConsumer<BrainService.Received, Throwable> done) {
            this.request = request;
            this.out = out;
            this.file = file;
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
                        done.accept(new BrainService.Received(file, size, HexFormat.of().formatHex(sha256.digest())),
                                null);
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
            sha256.update(chunk.getBytes());
            out.write(chunk);
            if (out.writeQueueFull()) {
                request.pause();
                out.drainHandler(v -> request.resume());
            }
        }

        private void abort(Throwable failure) {
            if (failed) {
                return;
            }
            failed = true;
            out.close().onComplete(closed -> {
                delete(file);
                done.accept(null, failure);
            });
        }
    }

    private RequestRejected tooLarge() {
        return new RequestRejected(413, "brain-too-large", "the brain is larger than the limit of " + maxBytes
                + " bytes (aicon.blob.max-bytes)");
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            Log.warnf("could not delete spooled upload %s: %s", file, e.getMessage());
        }
    }
}

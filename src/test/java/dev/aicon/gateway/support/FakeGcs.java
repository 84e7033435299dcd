package dev.aicon.gateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * A Google Cloud Storage JSON-API fake on 127.0.0.1 for tests, backed by files (objects are never held in memory
 * whole). It speaks what the official client uses: multipart and resumable uploads, media download with
 * {@code Range}, object metadata, delete, list by prefix, generations and the {@code ifGenerationMatch}
 * precondition (412). {@link #setDown} makes every call answer 503, as during an outage.
 */
public final class FakeGcs implements AutoCloseable {

    /** One stored object generation. */
    public record StoredObject(
            String bucket,
            String name,
            long generation,
            Path file,
            long size,
            String md5,
            String crc32c,
            Instant created) {}

    private record Session(String bucket, String name, Long ifGenerationMatch, Path file) {}

    private final Vertx vertx = Vertx.vertx();
    private final Path dir;
    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicLong generations = new AtomicLong(1_700_000_000_000_000L);
    private volatile boolean down;
    private HttpServer server;

    public FakeGcs() {
        try {
            this.dir = Files.createTempDirectory("fake-gcs-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FakeGcs start() {
        Router router = Router.router(vertx);
        router.route().handler(context -> {
            if (down) {
                error(context.response(), 503, "the fake is down");
            } else {
                context.next();
            }
        });
        router.post("/upload/storage/v1/b/:bucket/o").handler(this::startUpload);
        router.put("/upload/storage/v1/b/:bucket/o").handler(this::resumeUpload);
        router.get("/download/storage/v1/b/:bucket/o/:object").handler(context -> offLoop(() -> media(context)));
        router.get("/storage/v1/b/:bucket/o/:object").handler(context -> {
            if ("media".equals(context.request().getParam("alt"))) {
                offLoop(() -> media(context));
            } else {
                metadata(context);
            }
        });
        router.delete("/storage/v1/b/:bucket/o/:object").handler(this::delete);
        router.get("/storage/v1/b/:bucket/o").handler(this::list);
        router.route()
                .handler(context -> error(
                        context.response(),
                        404,
                        "no such endpoint in the fake: " + context.request().method() + " "
                                + context.request().path()));
        try {
            server = vertx.createHttpServer()
                    .requestHandler(router)
                    .listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the GCS fake did not start", e);
        }
        return this;
    }

    public String host() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public void setDown(boolean down) {
        this.down = down;
    }

    public List<StoredObject> objects(String bucket) {
        return objects.values().stream().filter(o -> o.bucket().equals(bucket)).toList();
    }

    /** Flips one byte of the stored object, as bit rot or a bad write would. */
    public void corrupt(String bucket, String name) throws IOException {
        StoredObject object = objects.get(bucket + "/" + name);
        try (RandomAccessFile file = new RandomAccessFile(object.file().toFile(), "rw")) {
            long at = object.size() / 2;
            file.seek(at);
            int value = file.read();
            file.seek(at);
            file.write(value ^ 0xff);
        }
    }

    private void startUpload(RoutingContext context) {
        HttpServerRequest request = context.request();
        String bucket = context.pathParam("bucket");
        Long ifGenerationMatch = longParam(request, "ifGenerationMatch");
        if ("resumable".equals(request.getParam("uploadType"))) {
            request.body().map(body -> decoded(request, body)).onSuccess(body -> {
                JsonObject metadata = body.length() == 0 ? new JsonObject() : body.toJsonObject();
                String name = metadata.getString("name", request.getParam("name"));
                String id = UUID.randomUUID().toString();
                sessions.put(id, new Session(bucket, name, ifGenerationMatch, dir.resolve("session-" + id)));
                context.response()
                        .putHeader(
                                "Location",
                                host() + "/upload/storage/v1/b/" + bucket + "/o?uploadType=resumable&upload_id=" + id)
                        .end();
            });
        } else if ("multipart".equals(request.getParam("uploadType"))) {
            request.body()
                    .map(body -> decoded(request, body))
                    .onSuccess(body -> offLoop(() -> multipart(context, bucket, ifGenerationMatch, body)));
        } else {
            error(context.response(), 400, "unsupported uploadType " + request.getParam("uploadType"));
        }
    }

    private void multipart(RoutingContext context, String bucket, Long ifGenerationMatch, Buffer body) {
        String type = context.request().getHeader("Content-Type");
        java.util.regex.Matcher found =
                java.util.regex.Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(type);
        if (!found.find()) {
            error(context.response(), 400, "multipart body without a boundary: " + type);
            return;
        }
        String boundary = "--" + found.group(1);
        String text = body.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        String[] parts = text.split(java.util.regex.Pattern.quote(boundary));
        if (parts.length < 3) {
            error(
                    context.response(),
                    400,
                    "multipart body with " + parts.length + " parts; boundary " + boundary + " type " + type
                            + " starts " + text.substring(0, Math.min(200, text.length())));
            return;
        }
        JsonObject metadata = new JsonObject(partBody(parts[1]));
        byte[] media = partBody(parts[2]).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("multipart-" + UUID.randomUUID());
        try {
            Files.write(file, media);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finish(context.response(), bucket, metadata.getString("name"), ifGenerationMatch, file);
    }

    /** The client gzips small request bodies ({@code Content-Encoding: gzip}). */
    private static Buffer decoded(HttpServerRequest request, Buffer body) {
        if (!"gzip".equalsIgnoreCase(request.getHeader("Content-Encoding"))) {
            return body;
        }
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body.getBytes()))) {
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String partBody(String part) {
        int start = part.indexOf("\r\n\r\n") + 4;
        return part.substring(start, part.lastIndexOf("\r\n"));
    }

    private void resumeUpload(RoutingContext context) {
        HttpServerRequest request = context.request();
        Session session = sessions.get(request.getParam("upload_id"));
        if (session == null) {
            error(context.response(), 404, "no such upload session");
            return;
        }
        String range = request.getHeader("Content-Range");
        request.pause();
        vertx.fileSystem()
                .open(session.file().toString(), new io.vertx.core.file.OpenOptions().setAppend(true))
                .onSuccess(out -> request.pipeTo(out)
                        .onComplete(piped -> offLoop(() -> {
                            long received = size(session.file());
                            String total = range == null
                                    ? "*"
                                    : range.substring(range.indexOf('/') + 1).trim();
                            if (!total.equals("*") && Long.parseLong(total) == received) {
                                sessions.remove(request.getParam("upload_id"));
                                finish(
                                        context.response(),
                                        session.bucket(),
                                        session.name(),
                                        session.ifGenerationMatch(),
                                        session.file());
                            } else {
                                HttpServerResponse response = context.response().setStatusCode(308);
                                if (received > 0) {
                                    response.putHeader("Range", "bytes=0-" + (received - 1));
                                }
                                response.end();
                            }
                        })));
    }

    /**
     * File work of the fake (like the gateway's) runs on a Vert.x worker, not on the fake's event loop, which the
     * event-loop blocking detector watches along with the gateway's.
     */
    private void offLoop(Runnable fileWork) {
        vertx.executeBlocking(
                () -> {
                    fileWork.run();
                    return null;
                },
                false);
    }

    private synchronized void finish(
            HttpServerResponse response, String bucket, String name, Long ifGenerationMatch, Path file) {
        StoredObject current = objects.get(bucket + "/" + name);
        long currentGeneration = current == null ? 0 : current.generation();
        if (ifGenerationMatch != null && ifGenerationMatch != currentGeneration) {
            error(
                    response,
                    412,
                    "ifGenerationMatch " + ifGenerationMatch + " but the generation is " + currentGeneration);
            return;
        }
        try {
            MessageDigest md5Digest = MessageDigest.getInstance("MD5");
            CRC32C crc = new CRC32C();
            try (var in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    md5Digest.update(buffer, 0, n);
                    crc.update(buffer, 0, n);
                }
            }
            byte[] md5 = md5Digest.digest();
            byte[] crcBytes =
                    java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
            StoredObject object = new StoredObject(
                    bucket,
                    name,
                    generations.incrementAndGet(),
                    file,
                    Files.size(file),
                    Base64.getEncoder().encodeToString(md5),
                    Base64.getEncoder().encodeToString(crcBytes),
                    Instant.now());
            objects.put(bucket + "/" + name, object);
            response.putHeader("Content-Type", "application/json")
                    .end(json(object).encode());
        } catch (Exception e) {
            error(response, 500, e.toString());
        }
    }

    private void metadata(RoutingContext context) {
        StoredObject object = find(context);
        if (object != null) {
            context.response()
                    .putHeader("Content-Type", "application/json")
                    .end(json(object).encode());
        }
    }

    private void media(RoutingContext context) {
        StoredObject object = find(context);
        if (object == null) {
            return;
        }
        HttpServerResponse response = context.response()
                .putHeader("Content-Type", "application/octet-stream")
                .putHeader("x-goog-generation", Long.toString(object.generation()))
                .putHeader("x-goog-stored-content-length", Long.toString(object.size()))
                .putHeader("x-goog-hash", "crc32c=" + object.crc32c() + ",md5=" + object.md5());
        String range = context.request().getHeader("Range");
        long offset = 0;
        long end = object.size() - 1;
        if (range != null && range.startsWith("bytes=")) {
            String[] bounds = range.substring(6).split("-", -1);
            offset = Long.parseLong(bounds[0]);
            if (bounds.length > 1 && !bounds[1].isEmpty()) {
                end = Math.min(end, Long.parseLong(bounds[1]));
            }
            if (offset >= object.size()) {
                response.setStatusCode(416).end();
                return;
            }
            response.setStatusCode(206).putHeader("Content-Range", "bytes " + offset + "-" + end + "/" + object.size());
        }
        response.sendFile(object.file().toString(), offset, end - offset + 1);
    }

    private void delete(RoutingContext context) {
        StoredObject object = find(context);
        if (object != null) {
            objects.remove(object.bucket() + "/" + object.name());
            context.response().setStatusCode(204).end();
        }
    }

    private void list(RoutingContext context) {
        String bucket = context.pathParam("bucket");
        String prefix = context.request().getParam("prefix", "");
        TreeMap<String, StoredObject> sorted = new TreeMap<>();
        objects(bucket).stream().filter(o -> o.name().startsWith(prefix)).forEach(o -> sorted.put(o.name(), o));
        JsonArray items = new JsonArray();
        sorted.values().forEach(o -> items.add(json(o)));
        context.response()
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject()
                        .put("kind", "storage#objects")
                        .put("items", items)
                        .encode());
    }

    private StoredObject find(RoutingContext context) {
        StoredObject object = objects.get(context.pathParam("bucket") + "/" + context.pathParam("object"));
        Long generation = longParam(context.request(), "generation");
        if (object == null || generation != null && generation != object.generation()) {
            error(
                    context.response(),
                    404,
                    "No such object: " + context.pathParam("bucket") + "/" + context.pathParam("object"));
            return null;
        }
        return object;
    }

    private JsonObject json(StoredObject object) {
        String link = host() + "/storage/v1/b/" + object.bucket() + "/o/" + object.name();
        return new JsonObject()
                .put("kind", "storage#object")
                .put("bucket", object.bucket())
                .put("name", object.name())
                .put("id", object.bucket() + "/" + object.name() + "/" + object.generation())
                .put("generation", Long.toString(object.generation()))
                .put("metageneration", "1")
                .put("contentType", "application/octet-stream")
                .put("size", Long.toString(object.size()))
                .put("md5Hash", object.md5())
                .put("crc32c", object.crc32c())
                .put("timeCreated", object.created().toString())
                .put("updated", object.created().toString())
                .put("selfLink", link)
                .put("mediaLink", link + "?alt=media");
    }

    private static void error(HttpServerResponse response, int status, String message) {
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject()
                        .put("error", new JsonObject().put("code", status).put("message", message))
                        .encode());
    }

    private static Long longParam(HttpServerRequest request, String name) {
        String value = request.getParam(name);
        return value == null ? null : Long.valueOf(value);
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        vertx.close();
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // temporary files of a test run
        }
    }
}

package dev.aicon.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.config.DocumentConfig;
import dev.aicon.gateway.service.ImportLine;
import dev.aicon.gateway.service.ImportReport;
import dev.aicon.gateway.service.ImportService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/aicons:import}: an NDJSON body, one document per line, of any length. A Vert.x route, so the body
 * is read as it arrives and never held whole: lines are collected into chunks of {@code aicon.batch.chunk-size},
 * and the body is paused while a chunk is written. Each line may be up to {@code aicon.document.max-bytes}; a longer
 * line fails alone. The answer, once the body has ended: {@code {"imported", "failed", "errors": [...]}}.
 */
@ApplicationScoped
public class ImportRoute {

    static final String NDJSON = "application/x-ndjson";
    static final String PATH = "/v1/aicons:import";
    /** Before the document body limit ({@link BodyLimitFilter#ORDER}): only each line of an import is limited. */
    static final int ORDER = BodyLimitFilter.ORDER - 100;

    private final ImportService imports;
    private final JsonBodies bodies;
    private final Problems problems;
    private final ObjectMapper mapper;
    private final long maxLineBytes;

    ImportRoute(ImportService imports, JsonBodies bodies, Problems problems, ObjectMapper mapper,
            DocumentConfig documents) {
        this.imports = imports;
        this.bodies = bodies;
        this.problems = problems;
        this.mapper = mapper;
        this.maxLineBytes = documents.maxBytes().asLongValue();
    }

    /** A regular expression route: in a plain Vert.x path, {@code :import} would be a path parameter. */
    void register(@Observes Router router) {
        router.routeWithRegex(HttpMethod.POST, Pattern.quote(PATH)).order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        request.pause();
        String type = request.getHeader("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(NDJSON)) {
            problems.send(context, new RequestRejected(415, "unsupported-media-type",
                    "an import is sent as " + NDJSON + ", one AIcon document per line"));
            return;
        }
        new Importing(context).start();
    }

    /** One import in flight; every step runs on the request's Vert.x context, one at a time. */
    private final class Importing implements NdjsonLines.Sink {
        private final RoutingContext context;
        private final HttpServerRequest request;
        private final Context vertxContext = Vertx.currentContext();
        private final ImportReport report = imports.start();
        private final NdjsonLines lines = new NdjsonLines(maxLineBytes, this);
        private final List<ImportLine> pending = new ArrayList<>();
        private boolean writing;
        private boolean ended;
        private boolean done;

        Importing(RoutingContext context) {
            this.context = context;
            this.request = context.request();
        }

        void start() {
            request.handler(buffer -> {
                lines.feed(buffer);
                flush();
            });
            request.exceptionHandler(this::abandon);
            request.endHandler(v -> {
                lines.end();
                ended = true;
                flush();
            });
            if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
                request.response().writeContinue();
            }
            request.resume();
        }

        @Override
        public void line(long number, Buffer line) {
            report.lineRead();
            if (blank(line)) {
                return;
            }
            try {
                pending.add(new ImportLine(number, bodies.object(line.getBytes())));
            } catch (RequestRejected e) {
                report.failed(number, null, e);
            }
        }

        @Override
        public void overlong(long number) {
            report.lineRead();
            report.failed(number, null, RequestRejected.lineTooLarge(maxLineBytes));
        }

        /** Writes a full chunk (the body waits meanwhile), the rest once the body ended, then answers. */
        private void flush() {
            if (writing || done) {
                return;
            }
            int chunkSize = imports.chunkSize();
            if (pending.size() >= chunkSize || (ended && !pending.isEmpty())) {
                List<ImportLine> chunk = new ArrayList<>(pending.subList(0, Math.min(chunkSize, pending.size())));
                pending.subList(0, chunk.size()).clear();
                writing = true;
                request.pause();
                Uni.createFrom().deferred(() -> imports.write(chunk, report)).subscribe().with(
                        written -> vertxContext.runOnContext(v -> {
                            writing = false;
                            flush();
                            if (!writing && !ended && !done) {
                                request.resume();
                            }
                        }),
                        failure -> vertxContext.runOnContext(v -> stop(failure)));
            } else if (ended) {
                done = true;
                report.finished();
                context.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(answer());
            }
        }

        private void stop(Throwable failure) {
            if (done) {
                return;
            }
            done = true;
            report.stopped(failure);
            problems.send(context, failure);
        }

        /** The request broke off (the client went away): nothing can be answered. */
        private void abandon(Throwable failure) {
            if (done) {
                return;
            }
            done = true;
            report.stopped(failure);
            request.connection().close();
        }

        private static boolean blank(Buffer line) {
            for (int i = 0; i < line.length(); i++) {
                byte b = line.getByte(i);
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }

        private String answer() {
            ObjectNode body = mapper.createObjectNode().put("imported", report.imported())
                    .put("failed", report.failedLines());
            ArrayNode errors = body.putArray("errors");
            for (ImportReport.LineError error : report.errors()) {
                errors.addObject().put("line", error.line()).put("id", error.id())
                        .set("error", mapper.valueToTree(problems.of(error.error(), PATH)));
            }
            try {
                return mapper.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

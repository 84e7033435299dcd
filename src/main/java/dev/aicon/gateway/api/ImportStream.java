package dev.aicon.gateway.api;

import dev.aicon.gateway.service.ImportLine;
import dev.aicon.gateway.service.ImportReport;
import dev.aicon.gateway.service.ImportService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * One import in flight ({@link ImportRoute}): lines are parsed as they arrive and collected into chunks; while a chunk
 * is written the body is paused, so an import holds at most a chunk and one network buffer. Every step runs on the
 * request's Vert.x context, one at a time.
 */
final class ImportStream implements NdjsonLines.Sink {

    private final RoutingContext context;
    private final HttpServerRequest request;
    private final ImportService imports;
    private final JsonBodies bodies;
    private final Problems problems;
    private final BatchBodies answers;
    private final long maxLineBytes;
    private final Context vertxContext = Vertx.currentContext();
    private final ImportReport report;
    private final NdjsonLines lines;
    private final List<ImportLine> pending = new ArrayList<>();
    private boolean writing;
    private boolean ended;
    private boolean done;

    ImportStream(RoutingContext context, ImportService imports, JsonBodies bodies, Problems problems,
            BatchBodies answers, long maxLineBytes) {
        this.context = context;
        this.request = context.request();
        this.imports = imports;
        this.bodies = bodies;
        this.problems = problems;
        this.answers = answers;
        this.maxLineBytes = maxLineBytes;
        this.report = imports.start();
        this.lines = new NdjsonLines(maxLineBytes, this);
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
            context.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                    .end(answers.json(answers.imported(report, ImportRoute.PATH)));
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
}

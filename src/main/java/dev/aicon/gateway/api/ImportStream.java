package dev.aicon.gateway.api;

import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.service.ImportLine;
import dev.aicon.gateway.service.ImportReport;
import dev.aicon.gateway.service.ImportService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One import in flight ({@link ImportRoute}): lines are parsed as they arrive and collected into chunks; while a chunk
 * is written the body is paused, so an import holds at most a chunk and one network buffer. Each line is charged to
 * {@link BodyBudget} before it is parsed, until its chunk is written: when the budget has no room, the chunk so far is
 * written first, and with nothing of its own left to give back the import waits (body paused) for at most
 * {@code aicon.document.in-flight-wait}, then stops with 503 {@code too-busy}. Every step runs on the request's
 * Vert.x context, one at a time.
 */
final class ImportStream implements NdjsonLines.Sink {

    private final RoutingContext context;
    private final TenantId tenant;
    private final HttpServerRequest request;
    private final ImportService imports;
    private final JsonBodies bodies;
    private final Problems problems;
    private final BatchJson answers;
    private final long maxLineBytes;
    private final Context vertxContext = Vertx.currentContext();
    private final ImportReport report;
    private final NdjsonLines lines;
    private final BodyBudget budget;
    private final Duration wait;
    private final ArrayDeque<RawLine> unparsed = new ArrayDeque<>();
    private final List<ImportLine> pending = new ArrayList<>();
    private final List<BodyBudget.Grant> held = new ArrayList<>();
    private boolean writing;
    private boolean waiting;
    private boolean ended;
    private boolean done;

    private record RawLine(long number, Buffer bytes) {}

    ImportStream(
            RoutingContext context,
            TenantId tenant,
            ImportService imports,
            JsonBodies bodies,
            Problems problems,
            BatchJson answers,
            long maxLineBytes,
            BodyBudget budget,
            Duration wait) {
        this.context = context;
        this.tenant = tenant;
        this.request = context.request();
        this.imports = imports;
        this.bodies = bodies;
        this.problems = problems;
        this.answers = answers;
        this.maxLineBytes = maxLineBytes;
        this.budget = budget;
        this.wait = wait;
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
        if (!blank(line)) {
            unparsed.add(new RawLine(number, line));
        }
    }

    /** Parses the lines received as far as the budget has room, writing the chunk so far to make room. */
    private void parseWithinBudget() {
        while (!writing && !waiting && !done && !unparsed.isEmpty()) {
            RawLine next = unparsed.peek();
            long charge = budget.charge(next.bytes().length());
            Optional<BodyBudget.Grant> grant = budget.tryAcquire(charge);
            if (grant.isPresent()) {
                parse(unparsed.poll(), grant.get());
            } else if (!pending.isEmpty()) {
                write(pending.size());
            } else {
                waitForRoom(charge);
            }
        }
    }

    private void waitForRoom(long charge) {
        waiting = true;
        request.pause();
        budget.acquire(charge, wait)
                .whenComplete((grant, failure) -> vertxContext.runOnContext(v -> {
                    waiting = false;
                    if (done) {
                        if (grant != null) {
                            grant.release();
                        }
                    } else if (failure != null) {
                        stop(BodyAdmission.tooBusy(wait));
                    } else {
                        parse(unparsed.poll(), grant);
                        flush();
                    }
                }));
    }

    private void parse(RawLine line, BodyBudget.Grant grant) {
        try {
            pending.add(new ImportLine(line.number(), bodies.object(line.bytes().getBytes())));
            held.add(grant);
        } catch (RequestRejected e) {
            grant.release();
            report.failed(line.number(), null, e);
        }
    }

    @Override
    public void overlong(long number) {
        report.lineRead();
        report.failed(number, null, RequestRejected.lineTooLarge(maxLineBytes));
    }

    /** Writes a full chunk (the body waits meanwhile), the rest once the body ended, then answers. */
    private void flush() {
        parseWithinBudget();
        if (writing || waiting || done) {
            return;
        }
        int chunkSize = imports.chunkSize();
        if (pending.size() >= chunkSize || (ended && unparsed.isEmpty() && !pending.isEmpty())) {
            write(Math.min(chunkSize, pending.size()));
        } else if (ended && unparsed.isEmpty()) {
            done = true;
            report.finished();
            context.response()
                    .setStatusCode(200)
                    .putHeader("Content-Type", "application/json")
                    .end(answers.json(answers.imported(report, ImportRoute.PATH)));
        }
        if (!writing && !waiting && !ended && !done) {
            request.resume();
        }
    }

    /** Writes the first {@code count} pending lines, the body paused, and gives their room back once written. */
    private void write(int count) {
        List<ImportLine> chunk = new ArrayList<>(pending.subList(0, count));
        List<BodyBudget.Grant> grants = new ArrayList<>(held.subList(0, count));
        pending.subList(0, count).clear();
        held.subList(0, count).clear();
        writing = true;
        request.pause();
        Uni.createFrom()
                .deferred(() -> imports.write(tenant, chunk, report))
                .subscribe()
                .with(
                        written -> vertxContext.runOnContext(v -> {
                            grants.forEach(BodyBudget.Grant::release);
                            writing = false;
                            flush();
                        }),
                        failure -> vertxContext.runOnContext(v -> {
                            grants.forEach(BodyBudget.Grant::release);
                            stop(failure);
                        }));
    }

    private void stop(Throwable failure) {
        if (endedBy(failure)) {
            problems.send(context, failure);
        }
    }

    /** The request broke off (the client went away): nothing can be answered. */
    private void abandon(Throwable failure) {
        if (endedBy(failure)) {
            request.connection().close();
        }
    }

    /** Ends the import on {@code failure}, giving back the room of the lines held; false when it had ended already. */
    private boolean endedBy(Throwable failure) {
        if (done) {
            return false;
        }
        done = true;
        releaseHeld();
        report.stopped(failure);
        return true;
    }

    private void releaseHeld() {
        held.forEach(BodyBudget.Grant::release);
        held.clear();
        pending.clear();
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

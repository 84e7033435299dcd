package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.blob.BrainMeta;
import dev.aicon.gateway.config.BlobConfig;
import dev.aicon.gateway.domain.Identifiers;
import dev.aicon.gateway.domain.JsonText;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.domain.TagSet;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.failure.FailureKind;
import dev.aicon.gateway.service.BrainReader;
import dev.aicon.gateway.service.BrainService;
import dev.aicon.gateway.service.DegradedSource;
import io.vertx.core.Context;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code PUT/GET/HEAD/DELETE /v1/aicons/{id}/brain}: the brain as {@code application/octet-stream}, streamed both
 * ways (an upload sent as {@code application/x-python-pickle} is recorded with the format {@code pickle}). These
 * are Vert.x routes rather than JAX-RS resources so a body of any size up to {@code aicon.blob.max-bytes} flows to
 * disk with back-pressure and never sits whole in the heap. The {@code ETag} is the content's SHA-256.
 */
@ApplicationScoped
public class BrainRoutes {

    static final String OCTET_STREAM = "application/octet-stream";
    /** An upload sent as this type is recorded with {@code "format": "pickle"}; it is read back as octet-stream. */
    static final String PYTHON_PICKLE = "application/x-python-pickle";
    /** Before the document body limit ({@link BodyLimitFilter#ORDER}): brains have a limit of their own. */
    static final int ORDER = BodyLimitFilter.ORDER - 10;

    private final BrainService brains;
    private final BrainUpload upload;
    private final Problems problems;
    private final ObjectMapper mapper;
    private final int maxReads;
    private final AtomicInteger reads = new AtomicInteger();
    private final RouteTenant tenants;

    BrainRoutes(
            BrainService brains,
            BrainUpload upload,
            Problems problems,
            ObjectMapper mapper,
            BlobConfig blobs,
            RouteTenant tenants) {
        this.tenants = tenants;
        this.brains = brains;
        this.upload = upload;
        this.problems = problems;
        this.mapper = mapper;
        this.maxReads = blobs.maxConcurrentReads();
    }

    void register(@Observes Router router) {
        router.route("/v1/aicons/:id/brain").order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        String id = context.pathParam("id");
        if (!Identifiers.isValid(id)) {
            fail(context, RequestRejected.invalidAIconId());
            return;
        }
        TenantId tenant = tenants.of(context);
        HttpMethod method = context.request().method();
        if (HttpMethod.PUT.equals(method)) {
            upload.receive(context, tenant, id, (written, failure) -> {
                if (failure != null) {
                    fail(context, failure);
                } else {
                    respondWritten(context, written);
                }
            });
        } else if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
            download(context, tenant, id, HttpMethod.HEAD.equals(method));
        } else if (HttpMethod.DELETE.equals(method)) {
            brains.delete(tenant, id, preconditions(context))
                    .subscribe()
                    .with(
                            written -> {
                                HttpServerResponse response = context.response().setStatusCode(204);
                                if (written.journaled()) {
                                    response.putHeader(DocumentResponses.DEGRADED, DegradedSource.JOURNAL.wireValue());
                                }
                                response.end();
                            },
                            failure -> fail(context, failure));
        } else {
            context.response().putHeader("Allow", "GET, HEAD, PUT, DELETE");
            fail(
                    context,
                    new RequestRejected(
                            FailureKind.METHOD_NOT_ALLOWED, "the brain supports GET, HEAD, PUT and DELETE"));
        }
    }

    private void download(RoutingContext context, TenantId tenant, String id, boolean headOnly) {
        Context eventLoop = context.vertx().getOrCreateContext();
        brains.meta(tenant, id)
                .subscribe()
                .with(
                        brain -> {
                            TagSet ifNoneMatch = TagSet.parse(context.request().getHeader("If-None-Match"));
                            HttpServerResponse response = context.response().putHeader("ETag", brain.etag());
                            if (ifNoneMatch != null && ifNoneMatch.matchesWeakly(brain.sha256())) {
                                response.setStatusCode(304).end();
                                return;
                            }
                            response.putHeader("Content-Type", OCTET_STREAM);
                            if (headOnly) {
                                response.putHeader("Content-Length", Long.toString(brain.size()))
                                        .end();
                                return;
                            }
                            if (reads.incrementAndGet() > maxReads) {
                                reads.decrementAndGet();
                                fail(
                                        context,
                                        new RequestRejected(
                                                FailureKind.BRAIN_UNAVAILABLE,
                                                "this gateway is sending " + maxReads
                                                        + " brains already (aicon.blob.max-concurrent-reads); retry later"));
                                return;
                            }
                            AtomicBoolean released = new AtomicBoolean();
                            Runnable release = () -> {
                                if (released.compareAndSet(false, true)) {
                                    reads.decrementAndGet();
                                }
                            };
                            brains.read(id, brain)
                                    .subscribe()
                                    .with(
                                            body -> {
                                                if (body instanceof BrainReader.FileBody file) {
                                                    response.sendFile(
                                                                    file.file().toString())
                                                            .onComplete(done -> release.run());
                                                } else if (body instanceof BrainReader.StreamBody stream) {
                                                    response.putHeader("Content-Length", Long.toString(brain.size()));
                                                    BrainSend.start(
                                                            context, eventLoop, stream.chunks(), problems, release);
                                                }
                                            },
                                            failure -> {
                                                release.run();
                                                fail(context, failure);
                                            });
                        },
                        failure -> fail(context, failure));
    }

    private void respondWritten(RoutingContext context, BrainService.BrainWritten written) {
        BrainMeta brain = written.brain();
        ObjectNode body =
                brain.toJson().put("aicon_version", written.aicon().aicon().version());
        HttpServerResponse response = context.response()
                .setStatusCode(written.created() ? 201 : 200)
                .putHeader("ETag", brain.etag())
                .putHeader("Content-Type", "application/json");
        if (written.aicon().journaled()) {
            response.putHeader(DocumentResponses.DEGRADED, DegradedSource.JOURNAL.wireValue());
        }
        if (written.created()) {
            response.putHeader("Location", context.request().path());
        }
        response.end(JsonText.write(mapper, body));
    }

    static Preconditions preconditions(RoutingContext context) {
        return Preconditions.of(
                context.request().getHeader("If-Match"), context.request().getHeader("If-None-Match"));
    }

    private void fail(RoutingContext context, Throwable failure) {
        problems.send(context, failure);
    }
}

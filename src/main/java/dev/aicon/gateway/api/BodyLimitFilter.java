package dev.aicon.gateway.api;

import dev.aicon.gateway.config.DocumentConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;

import java.util.Locale;

/**
 * Refuses a body whose declared {@code Content-Length} is over {@code aicon.document.max-bytes} before any of it
 * is read, with a 413 problem, and closes the connection so the rest of the body is never buffered. Brains have
 * their own limit: their routes come first ({@link BrainRoutes#ORDER}) and never reach this filter. Nor does the
 * {@code multipart/form-data} SDK file upload ({@link SdkImportResource}): its parts are parsed into files on disk,
 * never into the heap, within {@code quarkus.http.limits.max-body-size}, each held to the limit of its own kind.
 */
@ApplicationScoped
public class BodyLimitFilter {

    /**
     * After Quarkus' authentication (-200) and path-permission (-100) filters, and the tenant check
     * ({@code SecurityGate.TENANT_ORDER}, -50), with the routes ordered before it ({@link BrainRoutes#ORDER},
     * {@link ImportRoute#ORDER}): no route of the gateway runs for a request that has not passed its permission.
     * And before Quarkus' own check of {@code Content-Length} against {@code quarkus.http.limits.max-body-size}
     * (order -2, an empty 413): brains pass it by running first, documents get this filter's 413 problem.
     */
    static final int ORDER = -10;

    private final long maxBytes;
    private final Problems problems;

    BodyLimitFilter(DocumentConfig documents, Problems problems) {
        this.maxBytes = documents.maxBytes().asLongValue();
        this.problems = problems;
    }

    void register(@Observes Router router) {
        router.route("/v1/*").order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        if (!isSdkUpload(context) && RequestNumbers.declaresMoreThan(context.request(), maxBytes)) {
            problems.send(context, RequestRejected.tooLarge(maxBytes));
            return;
        }
        context.next();
    }

    /** The SDK file upload: multipart parts go to disk, each held to the limit of its own kind. */
    static boolean isSdkUpload(RoutingContext context) {
        String type = context.request().getHeader("Content-Type");
        return SdkImportResource.PATH.equals(context.request().path())
                && type != null
                && type.toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA);
    }
}

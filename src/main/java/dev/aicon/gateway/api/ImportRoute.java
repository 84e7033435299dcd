package dev.aicon.gateway.api;

import dev.aicon.gateway.config.DocumentConfig;
import dev.aicon.gateway.service.ImportService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/aicons:import}: an NDJSON body, one document per line, of any length. A Vert.x route, so the body
 * is read as it arrives and never held whole ({@link ImportStream}). Each line may be up to
 * {@code aicon.document.max-bytes}; a longer line fails alone. The answer, once the body has ended:
 * {@code {"imported", "failed", "errors": [...]}}.
 */
@ApplicationScoped
public class ImportRoute {

    static final String NDJSON = "application/x-ndjson";
    static final String PATH = "/v1/aicons:import";
    /** Before the document body limit ({@link BodyLimitFilter#ORDER}): only each line of an import is limited. */
    static final int ORDER = BodyLimitFilter.ORDER - 10;

    private final ImportService imports;
    private final JsonBodies bodies;
    private final Problems problems;
    private final BatchJson answers;
    private final long maxLineBytes;
    private final BodyBudget budget;
    private final Duration wait;
    private final RouteTenant tenants;

    ImportRoute(
            RouteTenant tenants,
            ImportService imports,
            JsonBodies bodies,
            Problems problems,
            BatchJson answers,
            DocumentConfig documents,
            BodyBudget budget) {
        this.tenants = tenants;
        this.imports = imports;
        this.bodies = bodies;
        this.problems = problems;
        this.answers = answers;
        this.maxLineBytes = documents.maxBytes().asLongValue();
        this.budget = budget;
        this.wait = documents.inFlightWait();
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
            problems.send(
                    context,
                    RequestRejected.unsupportedMediaType(
                            "an import is sent as " + NDJSON + ", one AIcon document per line"));
            return;
        }
        new ImportStream(context, tenants.of(context), imports, bodies, problems, answers, maxLineBytes, budget, wait)
                .start();
    }
}

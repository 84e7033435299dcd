package dev.aicon.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.config.DocumentConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a body whose declared {@code Content-Length} is over {@code aicon.document.max-bytes} before any of it
 * is read, with a 413 problem, and closes the connection so the rest of the body is never buffered. Brains have
 * their own limit ({@code aicon.blob.max-bytes}, see {@link BrainUpload}).
 */
@ApplicationScoped
public class BodyLimitFilter {

    private final long maxBytes;
    private final ObjectMapper mapper;

    BodyLimitFilter(DocumentConfig documents, ObjectMapper mapper) {
        this.maxBytes = documents.maxBytes().asLongValue();
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.route("/v1/*").order(-100).handler(this::check);
    }

    private void check(RoutingContext context) {
        String declared = context.request().getHeader("Content-Length");
        if (declared != null && exceeds(declared) && !context.request().path().endsWith("/brain")) {
            RequestRejected rejected = RequestRejected.tooLarge(maxBytes);
            Problem problem = Problem.of(413, rejected.kind(), rejected.getMessage(), context.request().path());
            try {
                context.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(mapper.writeValueAsString(problem));
            } catch (JsonProcessingException e) {
                context.fail(e);
            }
            return;
        }
        context.next();
    }

    private boolean exceeds(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

package dev.aicon.gateway.api;

import dev.aicon.gateway.config.JournalConfig;
import dev.aicon.gateway.journal.JournalFull;
import dev.aicon.gateway.service.ServiceException;
import dev.aicon.gateway.store.CorruptDocument;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where failures become {@code application/problem+json} answers. */
public class ProblemMapper {

    private final int retryAfterSeconds;

    ProblemMapper(JournalConfig journal) {
        this.retryAfterSeconds = journal.retryAfterSeconds();
    }

    @ServerExceptionMapper
    public Response service(ServiceException e, UriInfo uri) {
        Problem problem = problemOf(e, path(uri));
        if (e instanceof ServiceException.DocumentRejected rejected) {
            problem = problem.listing(rejected.violations());
        }
        Response.ResponseBuilder answer = problem.about(e.aiconId()).response();
        if (e instanceof ServiceException.StoreUnavailable) {
            answer.header("Retry-After", retryAfterSeconds);
        }
        return answer.build();
    }

    private static Problem problemOf(ServiceException e, String path) {
        if (e instanceof ServiceException.AIconNotFound) {
            return Problem.of(404, "aicon-not-found", e.getMessage(), path);
        } else if (e instanceof ServiceException.FactorNotFound) {
            return Problem.of(404, "factor-not-found", e.getMessage(), path);
        } else if (e instanceof ServiceException.PreconditionFailed) {
            return Problem.of(412, "precondition-failed", e.getMessage(), path);
        } else if (e instanceof ServiceException.FactorInUse) {
            return Problem.of(409, "factor-in-use", e.getMessage(), path);
        } else if (e instanceof ServiceException.StoreUnavailable) {
            return Problem.of(503, "store-unavailable", e.getMessage(), path);
        } else if (e instanceof ServiceException.ConcurrentModification) {
            return Problem.of(409, "concurrent-modification", e.getMessage(), path);
        }
        return Problem.of(400, "invalid-document", e.getMessage(), path);
    }

    @ServerExceptionMapper
    public Response rejected(RequestRejected e, UriInfo uri) {
        return Problem.of(e.status(), e.kind(), e.getMessage(), path(uri)).response().build();
    }

    @ServerExceptionMapper
    public Response journalFull(JournalFull e, UriInfo uri) {
        return Problem.of(503, "journal-full", e.getMessage(), path(uri)).response()
                .header("Retry-After", retryAfterSeconds).build();
    }

    @ServerExceptionMapper
    public Response corrupt(CorruptDocument e, UriInfo uri) {
        return Problem.of(500, "stored-document-corrupt", e.getMessage()
                + "; the damaged copy was set aside and other AIcons are unaffected", path(uri))
                .about(e.id()).response().build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.ResponseBuilder answer = Problem.of(status, "http-" + status, e.getMessage(), path(uri)).response();
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(value -> answer.header(name, value));
            }
        });
        return answer.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        Log.errorf(e, "unexpected failure on %s", path(uri));
        return Problem.of(500, "internal-error", "the gateway failed to handle the request; see its log",
                path(uri)).response().build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }
}

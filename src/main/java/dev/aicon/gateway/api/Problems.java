package dev.aicon.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.blob.BrainUnavailable;
import dev.aicon.gateway.blob.InsufficientStorage;
import dev.aicon.gateway.config.JournalConfig;
import dev.aicon.gateway.journal.JournalFull;
import dev.aicon.gateway.service.ServiceException;
import dev.aicon.gateway.store.CorruptDocument;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jspecify.annotations.Nullable;

import java.util.Map;
import java.util.Objects;

/**
 * Decides the problem answer of every failure of the gateway's own making, for the JAX-RS resources
 * ({@link ProblemMapper}) and the Vert.x routes (brains, body limit, shutdown gate) alike. DocumentResponses that tell the client to come back carry
 * {@code Retry-After}.
 */
@ApplicationScoped
public class Problems {

    private final int retryAfterSeconds;
    private final ObjectMapper mapper;

    Problems(JournalConfig journal, ObjectMapper mapper) {
        this.retryAfterSeconds = journal.retryAfterSeconds();
        this.mapper = mapper;
    }

    /** The problem for {@code failure} on {@code path}; unexpected failures are logged and answered with 500. */
    public Problem of(Throwable failure, @Nullable String path) {
        if (failure instanceof ServiceException e) {
            Problem problem = serviceProblem(e, path).about(e.aiconId());
            if (e instanceof ServiceException.DocumentRejected rejected) {
                return problem.listing(rejected.violations(), rejected.total());
            }
            if (e instanceof ServiceException.DocumentTooLarge tooLarge) {
                return problem.sized(tooLarge.maxBytes(), tooLarge.sizeBytes());
            }
            return e instanceof ServiceException.BatchRejected rejected ? problem.listing(rejected.violations())
                    : problem;
        } else if (failure instanceof RequestRejected e) {
            return Problem.of(e.status(), e.kind(), e.getMessage(), path);
        } else if (failure instanceof JournalFull e) {
            return Problem.of(503, "journal-full", e.getMessage(), path);
        } else if (failure instanceof InsufficientStorage e) {
            return Problem.of(507, "insufficient-storage", e.getMessage(), path);
        } else if (failure instanceof BrainUnavailable e) {
            return Problem.of(503, "brain-unavailable", e.getMessage(), path);
        } else if (failure instanceof CorruptDocument e) {
            return Problem.of(500, "stored-document-corrupt", e.getMessage() + "; other AIcons are unaffected, and "
                    + "this one answers so until an operator restores it or deletes it (DELETE without If-Match)",
                    path).about(e.id());
        }
        Log.errorf(failure, "unexpected failure on %s", path);
        return Problem.of(500, "internal-error", "the gateway failed to handle the request; see its log", path);
    }

    /**
     * DocumentResponses a Vert.x route with the problem for {@code failure}. A request whose body was not read is closed after
     * the answer, so the rest of the body is never buffered; one whose answer already started is cut off instead.
     */
    public void send(RoutingContext context, Throwable failure) {
        Throwable cause = failure instanceof CompositeException composite ? composite.getCauses().get(0) : failure;
        Problem problem = of(cause, context.request().path());
        send(context, problem, retryAfter(problem));
    }

    public void send(RoutingContext context, Problem problem, @Nullable Integer retryAfterSeconds) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.headWritten()) {
            context.request().connection().close();
            return;
        }
        response.setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (retryAfterSeconds != null) {
            response.putHeader("Retry-After", retryAfterSeconds.toString());
        }
        if (!context.request().isEnded()) {
            response.putHeader("Connection", "close");
        }
        try {
            response.end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }

    /** Seconds for {@code Retry-After} when the answer is a 503, else null. */
    public @Nullable Integer retryAfter(Problem problem) {
        return problem.status() == 503 ? retryAfterSeconds : null;
    }

    /** A problem's status and type. */
    record Kind(int status, String type) {
    }

    /** The kind of every service failure (a test checks that each subclass of the sealed type has one). */
    static final Map<Class<? extends ServiceException>, Kind> KINDS = Map.ofEntries(
            Map.entry(ServiceException.DocumentRejected.class, new Kind(400, "invalid-document")),
            Map.entry(ServiceException.AIconNotFound.class, new Kind(404, "aicon-not-found")),
            Map.entry(ServiceException.FactorNotFound.class, new Kind(404, "factor-not-found")),
            Map.entry(ServiceException.VersionNotFound.class, new Kind(404, "version-not-found")),
            Map.entry(ServiceException.FeatureOff.class, new Kind(404, "feature-off")),
            Map.entry(ServiceException.BrainNotFound.class, new Kind(404, "brain-not-found")),
            Map.entry(ServiceException.PreconditionFailed.class, new Kind(412, "precondition-failed")),
            Map.entry(ServiceException.FactorInUse.class, new Kind(409, "factor-in-use")),
            Map.entry(ServiceException.DocumentTooLarge.class, new Kind(413, "document-too-large")),
            Map.entry(ServiceException.StoreUnavailable.class, new Kind(503, "store-unavailable")),
            Map.entry(ServiceException.ConcurrentModification.class, new Kind(409, "concurrent-modification")),
            Map.entry(ServiceException.BrainCorrupt.class, new Kind(500, "stored-brain-corrupt")),
            Map.entry(ServiceException.SdkFileRejected.class, new Kind(400, "invalid-sdk-file")),
            Map.entry(ServiceException.SdkFileTooLarge.class, new Kind(413, "sdk-file-too-large")),
            Map.entry(ServiceException.SdkDocumentFailed.class, new Kind(424, "sdk-document-failed")),
            Map.entry(ServiceException.SdkImportForbidden.class, new Kind(403, "sdk-import-forbidden")),
            Map.entry(ServiceException.SdkDirectoryNotFound.class, new Kind(404, "directory-not-found")),
            Map.entry(ServiceException.BatchTooLarge.class, new Kind(413, "batch-too-large")),
            Map.entry(ServiceException.BatchRejected.class, new Kind(400, "invalid-batch")),
            Map.entry(ServiceException.NotApplied.class, new Kind(424, "not-applied")),
            Map.entry(ServiceException.BatchUnavailable.class, new Kind(503, "store-unavailable")),
            Map.entry(ServiceException.TooManyStreams.class, new Kind(429, "too-many-streams")));

    /** The problem of a service failure, by its kind. */
    private static Problem serviceProblem(ServiceException e, @Nullable String path) {
        Kind kind = Objects.requireNonNull(KINDS.get(e.getClass()), e.getClass().getName());
        return Problem.of(kind.status(), kind.type(), e.getMessage(), path);
    }
}

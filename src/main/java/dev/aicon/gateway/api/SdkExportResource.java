package dev.aicon.gateway.api;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.security.CurrentCaller;
import dev.aicon.gateway.service.AIconService;
import dev.aicon.gateway.service.ServiceException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code GET /v1/aicons/{id}/sdk}: the document as the AIcon SDK's {@code to_dict()} had it (without the server's
 * {@code version}, {@code updated_at} and {@code brain}), as a download named {@code <id>.json} for
 * {@code ~/.aicon/states}; {@code ETag} and 304 as on the document GET.
 */
@Path("/v1/aicons/{id}/sdk")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class SdkExportResource {

    private final AIconService aicons;
    private final CurrentCaller caller;

    SdkExportResource(AIconService aicons, CurrentCaller caller) {
        this.aicons = aicons;
        this.caller = caller;
    }

    @GET
    public Uni<Response> export(@RestPath String id, @RestHeader("If-None-Match") String ifNoneMatch) {
        return aicons.get(caller.tenant(), DocumentResponses.requireId(id))
                .map(read -> Response.fromResponse(DocumentResponses.conditionalGet(
                                read,
                                read.aicon(),
                                ifNoneMatch,
                                AIcon::toSdkDocument,
                                ServiceException.aiconNotFound(id)))
                        .header("Content-Disposition", "attachment; filename=\"" + id + ".json\"")
                        .build());
    }
}

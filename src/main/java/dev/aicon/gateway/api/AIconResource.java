package dev.aicon.gateway.api;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.security.CurrentCaller;
import dev.aicon.gateway.service.AIconService;
import dev.aicon.gateway.service.RunStatsService;
import dev.aicon.gateway.service.ServiceException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** AIcon documents: {@code /v1/aicons} and {@code /v1/aicons/{id}}. */
@Path("/v1/aicons")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class AIconResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    private final AIconService aicons;
    private final RunStatsService runStats;
    private final JsonBodies bodies;
    private final PagedLists listing;
    private final CurrentCaller caller;

    AIconResource(
            AIconService aicons,
            RunStatsService runStats,
            JsonBodies bodies,
            PagedLists listing,
            CurrentCaller caller) {
        this.caller = caller;
        this.aicons = aicons;
        this.runStats = runStats;
        this.bodies = bodies;
        this.listing = listing;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(
            @RequestBody(
                            description = "The AIcon document (BaseAIcon.to_dict()) without an id",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(type = SchemaType.OBJECT)))
                    byte[] body) {
        TenantId tenant = caller.tenant();
        return bodies.objectOffLoop(body)
                .chain(document -> aicons.create(tenant, document))
                .map(DocumentResponses::written);
    }

    @GET
    public Uni<Response> list(
            @RestQuery("aicon_type") String aiconType,
            @RestQuery String name,
            @RestQuery String limit,
            @RestQuery String cursor) {
        return listing.page(caller.tenant(), aiconType, name, limit, cursor);
    }

    @GET
    @Path("{id}")
    public Uni<Response> get(@RestPath String id, @RestHeader("If-None-Match") String ifNoneMatch) {
        TenantId tenant = caller.tenant();
        return aicons.cachedDocument(tenant, DocumentResponses.requireId(id))
                .chain(cached -> cached.map(raw -> Uni.createFrom().item(DocumentResponses.cached(raw, ifNoneMatch)))
                        .orElseGet(() -> aicons.get(tenant, id)
                                .map(read -> DocumentResponses.conditionalGet(
                                        read,
                                        read.aicon(),
                                        ifNoneMatch,
                                        AIcon::toDocument,
                                        ServiceException.aiconNotFound(id)))));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> put(
            @RestPath String id,
            @RequestBody(
                            description = "The whole AIcon document (BaseAIcon.to_dict())",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(type = SchemaType.OBJECT)))
                    byte[] body,
            @RestHeader("If-Match") String ifMatch,
            @RestHeader("If-None-Match") String ifNoneMatch) {
        String checked = DocumentResponses.requireId(id);
        Preconditions preconditions = Preconditions.of(ifMatch, ifNoneMatch);
        TenantId tenant = caller.tenant();
        return bodies.objectOffLoop(body)
                .chain(document -> aicons.put(tenant, checked, document, preconditions))
                .map(DocumentResponses::written);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MERGE_PATCH)
    public Uni<Response> patch(
            @RestPath String id,
            @RequestBody(
                            description = "An RFC 7396 merge patch of the document",
                            content = @Content(mediaType = MERGE_PATCH, schema = @Schema(type = SchemaType.OBJECT)))
                    byte[] body,
            @RestHeader("If-Match") String ifMatch) {
        String checked = DocumentResponses.requireId(id);
        Preconditions preconditions = Preconditions.of(ifMatch, null);
        TenantId tenant = caller.tenant();
        return bodies.valueOffLoop(body)
                .chain(patch -> aicons.patch(tenant, checked, patch, preconditions))
                .map(DocumentResponses::written);
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@RestPath String id, @RestHeader("If-Match") String ifMatch) {
        return aicons.delete(caller.tenant(), DocumentResponses.requireId(id), Preconditions.of(ifMatch, null))
                .map(journaled -> DocumentResponses.journaled(Response.noContent(), journaled)
                        .build());
    }

    @POST
    @Path("{id}/updates")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> recordUpdate(
            @RestPath String id,
            @RequestBody(
                            description = "{source, success, metadata}",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(type = SchemaType.OBJECT)))
                    byte[] body,
            @RestHeader("If-Match") String ifMatch) {
        String checked = DocumentResponses.requireId(id);
        Preconditions preconditions = Preconditions.of(ifMatch, null);
        TenantId tenant = caller.tenant();
        return bodies.objectOffLoop(body)
                .chain(update -> runStats.record(tenant, checked, update, preconditions))
                .map(DocumentResponses::written);
    }
}

package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.security.CurrentCaller;
import dev.aicon.gateway.service.BatchService;
import dev.aicon.gateway.service.ExportService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.common.util.RestMediaType;

/**
 * Bulk endpoints: {@code POST /v1/aicons:batchGet}, {@code POST /v1/aicons:batchPut} and
 * {@code GET /v1/aicons:export}. {@code aicons:...} is a path segment of its own, so these never collide with
 * {@code /v1/aicons/{id}}. The import is a streamed Vert.x route ({@link ImportRoute}).
 */
@Path("/v1")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class BatchResource {

    private final BatchService batches;
    private final ExportService exports;
    private final JsonBodies bodies;
    private final BatchJson batchBodies;
    private final CurrentCaller caller;

    BatchResource(
            BatchService batches,
            ExportService exports,
            JsonBodies bodies,
            BatchJson batchBodies,
            CurrentCaller caller) {
        this.caller = caller;
        this.batches = batches;
        this.exports = exports;
        this.bodies = bodies;
        this.batchBodies = batchBodies;
    }

    @POST
    @Path("aicons:batchGet")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> batchGet(
            @RequestBody(
                            description = "{\"ids\": [...]}: up to aicon.batch.max-items AIcon ids; answered with "
                                    + "{\"items\": [documents], \"missing\": [ids]}",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(type = SchemaType.OBJECT)))
                    byte[] body) {
        TenantId tenant = caller.tenant();
        return bodies.objectOffLoop(body)
                .chain(request -> batches.get(tenant, BatchJson.ids(request)))
                .map(read -> DocumentResponses.journaled(
                                Response.ok(batchBodies.read(read), MediaType.APPLICATION_JSON_TYPE), read.journaled())
                        .build());
    }

    @POST
    @Path("aicons:batchPut")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> batchPut(
            @RequestBody(
                            description =
                                    "{\"atomic\": false, \"items\": [{\"id\", \"document\", \"expected_version\"}]}"
                                            + ": one status per item; atomic batches apply all items or none",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(type = SchemaType.OBJECT)))
                    byte[] body,
            UriInfo uri) {
        TenantId tenant = caller.tenant();
        return bodies.objectOffLoop(body)
                .chain(request -> batches.put(tenant, BatchJson.atomic(request), BatchJson.items(request)))
                .map(outcomes -> Response.ok(
                                batchBodies.outcomes(outcomes, uri.getPath()), MediaType.APPLICATION_JSON_TYPE)
                        .build());
    }

    /**
     * Every AIcon of the caller's tenant, one document per line, in id order; streamed with back-pressure, one store
     * page at a time.
     */
    @GET
    @Path("aicons:export")
    @Produces(RestMediaType.APPLICATION_NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<ObjectNode> export(@RestQuery("aicon_type") String aiconType) {
        return exports.export(caller.tenant(), PagedLists.filter("aicon_type", aiconType))
                .map(AIcon::toDocument);
    }
}

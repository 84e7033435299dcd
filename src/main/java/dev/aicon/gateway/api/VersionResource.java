package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.config.ApiConfig;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.domain.VersionEntry;
import dev.aicon.gateway.security.CurrentCaller;
import dev.aicon.gateway.service.HistoryService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** History and rollback: {@code /v1/aicons/{id}/versions[/{v}[/restore]]}. */
@Path("/v1/aicons/{id}/versions")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class VersionResource {

    private final HistoryService history;
    private final ApiConfig api;
    private final ObjectMapper mapper;
    private final CurrentCaller caller;

    VersionResource(HistoryService history, ApiConfig api, ObjectMapper mapper, CurrentCaller caller) {
        this.caller = caller;
        this.history = history;
        this.api = api;
        this.mapper = mapper;
    }

    /** Newest first: {@code {items: [{version, updated_at, kind}], next_cursor}}; the cursor is a version number. */
    @GET
    public Uni<Response> list(@RestPath String id, @RestQuery String limit, @RestQuery String cursor) {
        long before = cursor == null || cursor.isBlank() ? Long.MAX_VALUE : version(cursor, "cursor");
        int size = PagedLists.limit(limit, api);
        return history.versions(caller.tenant(), DocumentResponses.requireId(id), before, size)
                .map(page -> {
                    ObjectNode body = mapper.createObjectNode();
                    ArrayNode items = body.putArray("items");
                    for (VersionEntry entry : page.versions()) {
                        items.addObject()
                                .put("version", entry.version())
                                .put("updated_at", entry.updatedAt())
                                .put("kind", entry.kind().name());
                    }
                    body.put(
                            "next_cursor",
                            page.nextBefore() == null ? null : page.nextBefore().toString());
                    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
                });
    }

    /** The document as it was at version {@code v}, with that version as its ETag. */
    @GET
    @Path("{v}")
    public Uni<Response> get(@RestPath String id, @RestPath String v) {
        return history.version(caller.tenant(), DocumentResponses.requireId(id), version(v, "version"))
                .map(aicon ->
                        DocumentResponses.json(200, aicon.toDocument(), aicon).build());
    }

    /** Writes version {@code v}'s content as the next version; {@code If-Match} names the current version. */
    @POST
    @Path("{v}/restore")
    public Uni<Response> restore(@RestPath String id, @RestPath String v, @RestHeader("If-Match") String ifMatch) {
        return history.restore(
                        caller.tenant(),
                        DocumentResponses.requireId(id),
                        version(v, "version"),
                        Preconditions.of(ifMatch, null))
                .map(DocumentResponses::written);
    }

    private static long version(String text, String what) {
        return RequestNumbers.between(
                text, 1, Long.MAX_VALUE, what + " must be a version number (an integer of 1 or " + "more)");
    }
}

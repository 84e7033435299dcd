package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.service.AIconService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The operators' view of AIcons whose stored document was found damaged: {@code {"items": [{"aicon_id", "found_at"}]}}
 * in id order. Ids and times only, never where the damaged copies are kept (that is in the log).
 */
@Path("/v1/admin/corrupt")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class CorruptDocumentsResource {

    private final AIconService aicons;
    private final ObjectMapper mapper;

    CorruptDocumentsResource(AIconService aicons, ObjectMapper mapper) {
        this.aicons = aicons;
        this.mapper = mapper;
    }

    @GET
    public Uni<ObjectNode> list() {
        return aicons.corruptDocuments().map(marks -> {
            ObjectNode body = mapper.createObjectNode();
            ArrayNode items = body.putArray("items");
            marks.forEach(mark -> items.addObject()
                    .put("tenant", mark.tenant().value())
                    .put("aicon_id", mark.id())
                    .put("found_at", mark.foundAt()));
            return body;
        });
    }
}

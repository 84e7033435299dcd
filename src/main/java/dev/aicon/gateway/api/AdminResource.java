package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.service.DegradedMode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Operator views of degraded mode: the journal's depth and the writes kept as replay conflicts or dead letters. */
@Path("/v1/admin/journal")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final DegradedMode degraded;
    private final ObjectMapper mapper;

    AdminResource(DegradedMode degraded, ObjectMapper mapper) {
        this.degraded = degraded;
        this.mapper = mapper;
    }

    @GET
    public ObjectNode journal() {
        DegradedMode.Status status = degraded.status();
        return mapper.createObjectNode()
                .put("dir", status.dir().toString())
                .put("depth", status.depth())
                .put("bytes", status.bytes())
                .put("max_bytes", status.maxBytes())
                .put("overlay_aicons", status.pendingAIcons())
                .put("conflicts", status.conflicts())
                .put("dead_letters", status.deadLetters());
    }

    /** Journaled writes the store had moved past at replay, with the store's version then; oldest first. */
    @GET
    @Path("conflicts")
    public ObjectNode conflicts() {
        ObjectNode body = mapper.createObjectNode();
        degraded.conflictList().forEach(body.putArray("items")::add);
        return body;
    }

    /** Journaled writes replay could not apply for another reason than an outage, with the cause; oldest first. */
    @GET
    @Path("dead-letters")
    public ObjectNode deadLetters() {
        ObjectNode body = mapper.createObjectNode();
        degraded.deadLetterList().forEach(body.putArray("items")::add);
        return body;
    }
}

package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.journal.Journal;
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
        Journal journal = degraded.journal();
        return mapper.createObjectNode().put("dir", journal.dir().toString()).put("depth", journal.depth())
                .put("bytes", journal.bytes()).put("max_bytes", journal.maxBytes())
                .put("overlay_aicons", degraded.overlay().size()).put("conflicts", degraded.conflicts().size())
                .put("dead_letters", degraded.deadLetters().size());
    }

    /** Journaled writes the store had moved past at replay, with the store's version then; oldest first. */
    @GET
    @Path("conflicts")
    public ObjectNode conflicts() {
        ObjectNode body = mapper.createObjectNode();
        degraded.conflicts().list().forEach(body.putArray("items")::add);
        return body;
    }

    /** Journaled writes replay could not apply for another reason than an outage, with the cause; oldest first. */
    @GET
    @Path("dead-letters")
    public ObjectNode deadLetters() {
        ObjectNode body = mapper.createObjectNode();
        degraded.deadLetters().list().forEach(body.putArray("items")::add);
        return body;
    }
}

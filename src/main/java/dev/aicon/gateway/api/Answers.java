package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.Identifiers;
import dev.aicon.gateway.domain.TagSet;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/** How documents become answers: the body, the {@code ETag} (the version, quoted) and conditional GETs. */
final class Answers {

    private Answers() {
    }

    static Response.ResponseBuilder json(int status, JsonNode body, AIcon version) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).tag(tagOf(version));
    }

    static Response document(int status, AIcon aicon) {
        return json(status, aicon.toDocument(), aicon).build();
    }

    static Response created(AIcon aicon) {
        return json(201, aicon.toDocument(), aicon).location(location(aicon.id())).build();
    }

    /** 200 with {@code body}, or 304 when {@code If-None-Match} matches; 404 when the AIcon is absent. */
    static Response conditionalGet(Optional<AIcon> aicon, String ifNoneMatch, Function<AIcon,
            JsonNode> body, RuntimeException whenMissing) {
        AIcon found = aicon.orElseThrow(() -> whenMissing);
        TagSet tags = TagSet.parse(ifNoneMatch);
        if (tags != null && tags.matchesWeakly(found.version())) {
            return Response.notModified(tagOf(found)).build();
        }
        return json(200, body.apply(found), found).build();
    }

    static EntityTag tagOf(AIcon aicon) {
        return new EntityTag(Long.toString(aicon.version()));
    }

    static URI location(String id) {
        return URI.create("/v1/aicons/" + id);
    }

    static String requireId(String id) {
        if (!Identifiers.isValid(id)) {
            throw RequestRejected.malformed("the AIcon id " + Identifiers.rule());
        }
        return id;
    }
}

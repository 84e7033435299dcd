package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aicon.gateway.cache.AIconCache;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.Identifiers;
import dev.aicon.gateway.domain.TagSet;
import dev.aicon.gateway.service.DegradedSource;
import dev.aicon.gateway.service.ReadResult;
import dev.aicon.gateway.service.WriteResult;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** How documents become answers: the body, the {@code ETag} (the version, quoted) and conditional GETs. */
final class DocumentResponses {

    private DocumentResponses() {}

    /** Present on answers given while the store was unavailable; its value names what answered. */
    static final String DEGRADED = "AIcon-Degraded";

    static Response.ResponseBuilder json(int status, @Nullable JsonNode body, AIcon version) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body)
                .tag(tagOf(version));
    }

    /** 201 with {@code Location} when the write created the AIcon, else 200; marked when it was journaled. */
    static Response written(WriteResult written) {
        Response.ResponseBuilder answer =
                json(written.created() ? 201 : 200, written.aicon().toDocument(), written.aicon());
        if (written.created()) {
            answer.location(location(written.aicon().id()));
        }
        return journaled(answer, written.journaled()).build();
    }

    static Response.ResponseBuilder journaled(Response.ResponseBuilder answer, boolean journaled) {
        return journaled ? answer.header(DEGRADED, DegradedSource.JOURNAL.wireValue()) : answer;
    }

    /** 200 with {@code body}, or 304 when {@code If-None-Match} matches; 404 when the AIcon is absent. */
    static Response conditionalGet(
            ReadResult read,
            Optional<AIcon> aicon,
            String ifNoneMatch,
            Function<AIcon, JsonNode> body,
            RuntimeException whenMissing) {
        AIcon found = aicon.orElseThrow(() -> whenMissing);
        TagSet tags = TagSet.parse(ifNoneMatch);
        Response.ResponseBuilder answer = tags != null && tags.matchesWeakly(found.version())
                ? Response.notModified(tagOf(found))
                : json(200, body.apply(found), found);
        if (read.degraded()) {
            answer.header(
                    DEGRADED, Objects.requireNonNull(read.degradedSource()).wireValue());
        }
        return answer.build();
    }

    /** A whole-document GET answered from the cached JSON as it is (same body and ETag as from the store). */
    static Response cached(AIconCache.RawDocument raw, String ifNoneMatch) {
        EntityTag tag = new EntityTag(Long.toString(raw.version()));
        TagSet tags = TagSet.parse(ifNoneMatch);
        if (tags != null && tags.matchesWeakly(raw.version())) {
            return Response.notModified(tag).build();
        }
        return Response.ok(raw.json(), MediaType.APPLICATION_JSON_TYPE).tag(tag).build();
    }

    static EntityTag tagOf(AIcon aicon) {
        return new EntityTag(Long.toString(aicon.version()));
    }

    static URI location(String id) {
        return URI.create("/v1/aicons/" + id);
    }

    static String requireId(String id) {
        if (!Identifiers.isValid(id)) {
            throw RequestRejected.invalidAIconId();
        }
        return id;
    }
}

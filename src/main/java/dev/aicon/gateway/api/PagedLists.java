package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.config.ApiConfig;
import dev.aicon.gateway.domain.AIconSummary;
import dev.aicon.gateway.domain.Identifiers;
import dev.aicon.gateway.domain.StorableText;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.service.AIconService;
import dev.aicon.gateway.store.ListQuery;
import dev.aicon.gateway.store.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Keyset-paginated lists: {@code {items: [...], next_cursor}}, where the cursor is an opaque token. */
@ApplicationScoped
public class PagedLists {

    private final AIconService aicons;
    private final ApiConfig api;
    private final ObjectMapper mapper;

    PagedLists(AIconService aicons, ApiConfig api, ObjectMapper mapper) {
        this.aicons = aicons;
        this.api = api;
        this.mapper = mapper;
    }

    Uni<Response> page(TenantId tenant, String aiconType, String name, String limit, String cursor) {
        ListQuery query = new ListQuery(
                tenant, filter("aicon_type", aiconType), filter("name", name), decode(cursor), limit(limit, api));
        return aicons.list(query)
                .map(page ->
                        Response.ok(body(page), MediaType.APPLICATION_JSON_TYPE).build());
    }

    private ObjectNode body(Page page) {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode items = body.putArray("items");
        for (AIconSummary summary : page.items()) {
            items.addObject()
                    .put("id", summary.id())
                    .put("name", summary.name())
                    .put("aicon_type", summary.aiconType())
                    .put("version", summary.version())
                    .put("updated_at", summary.updatedAt());
        }
        body.put("next_cursor", page.lastId() == null ? null : encode(page.lastId()));
        return body;
    }

    /** The page size a client asked for, within 1 to {@code aicon.api.max-page-size}; the default when absent. */
    static int limit(String limit, ApiConfig api) {
        if (limit == null || limit.isBlank()) {
            return api.defaultPageSize();
        }
        return (int) RequestNumbers.between(
                limit, 1, api.maxPageSize(), "limit must be an integer from 1 to " + api.maxPageSize());
    }

    private static String encode(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    private static @Nullable String decode(@Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String id = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            if (Identifiers.isValid(id)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw RequestRejected.malformed("cursor is not a cursor this gateway issued; use next_cursor as given");
    }

    /**
     * A filter on an indexed field: null when absent or empty, refused when no stored AIcon could hold it (so it never
     * reaches the store, which would refuse it).
     */
    static @Nullable String filter(String parameter, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        StorableText.indexedFlaw(value).ifPresent(flaw -> {
            throw RequestRejected.malformed("the " + parameter + " filter " + flaw);
        });
        return value;
    }
}

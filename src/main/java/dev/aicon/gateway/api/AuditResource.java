package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.config.ApiConfig;
import dev.aicon.gateway.controlplane.AuditEntry;
import dev.aicon.gateway.controlplane.AuditEvent;
import dev.aicon.gateway.controlplane.AuditPage;
import dev.aicon.gateway.controlplane.AuditQuery;
import dev.aicon.gateway.controlplane.ControlPlane;
import dev.aicon.gateway.domain.Role;
import dev.aicon.gateway.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code GET /v1/admin/audit}: who did what, newest first, filtered by tenant, subject, AIcon, outcome and time
 * ({@code since} inclusive, {@code until} exclusive, RFC 3339), keyset paged like every list
 * ({@code {items, next_cursor}}). An admin sees its own tenant only; an operator every tenant, or the one it names.
 */
@Path("/v1/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final String CURSOR_PREFIX = "audit:";
    private static final int MAX_FILTER_LENGTH = 256;

    private final ControlPlane plane;
    private final CurrentCaller current;
    private final ApiConfig api;
    private final ObjectMapper mapper;

    AuditResource(ControlPlane plane, CurrentCaller current, ApiConfig api, ObjectMapper mapper) {
        this.plane = plane;
        this.current = current;
        this.api = api;
        this.mapper = mapper;
    }

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Uni<ObjectNode> audit(
            @RestQuery String tenant,
            @RestQuery String subject,
            @RestQuery("aicon_id") String aiconId,
            @RestQuery String outcome,
            @RestQuery String since,
            @RestQuery String until,
            @RestQuery String limit,
            @RestQuery String cursor) {
        AuditQuery query = new AuditQuery(
                AdminScope.auditTenant(current.caller(), tenant),
                filter("subject", subject),
                filter("aicon_id", aiconId),
                filter("outcome", outcome),
                TenantAdminResource.instant(since, "since"),
                TenantAdminResource.instant(until, "until"),
                decode(cursor),
                PagedLists.limit(limit, api));
        return plane.audit(query).map(this::body);
    }

    private ObjectNode body(AuditPage page) {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode items = body.putArray("items");
        for (AuditEntry entry : page.items()) {
            AuditEvent event = entry.event();
            ObjectNode item = items.addObject()
                    .put("id", entry.id())
                    .put("at", event.at().toString())
                    .put("subject", event.subject())
                    .put(
                            "tenant",
                            event.tenant() == null ? null : event.tenant().value())
                    .put("action", event.action())
                    .put("aicon_id", event.aiconId());
            if (event.version() == null) {
                item.putNull("version");
            } else {
                item.put("version", event.version());
            }
            item.put("status", event.status()).put("outcome", event.outcome());
        }
        body.put("next_cursor", page.nextBeforeId() == null ? null : encode(page.nextBeforeId()));
        return body;
    }

    private static @Nullable String filter(String parameter, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_FILTER_LENGTH) {
            throw RequestRejected.malformed(
                    "the " + parameter + " filter is longer than " + MAX_FILTER_LENGTH + " characters");
        }
        return value;
    }

    private static String encode(long beforeId) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((CURSOR_PREFIX + beforeId).getBytes(StandardCharsets.UTF_8));
    }

    private static @Nullable Long decode(@Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            if (text.startsWith(CURSOR_PREFIX)) {
                long id = Long.parseLong(text.substring(CURSOR_PREFIX.length()));
                if (id > 0) {
                    return id;
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw RequestRejected.malformed("cursor is not a cursor this gateway issued; use next_cursor as given");
    }
}

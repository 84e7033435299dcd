package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.controlplane.ApiKeyRecord;
import dev.aicon.gateway.controlplane.ControlPlane;
import dev.aicon.gateway.controlplane.ControlPlaneFailure;
import dev.aicon.gateway.controlplane.IssuedKey;
import dev.aicon.gateway.controlplane.TenantRecord;
import dev.aicon.gateway.domain.Role;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.security.Caller;
import dev.aicon.gateway.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.RestPath;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Tenants ({@code operator}) and their API keys ({@code admin} of that tenant, or {@code operator}). A key is shown
 * once, in the answer that issues it; listings show metadata only, never a key or its hash.
 */
@Path("/v1/admin/tenants")
@Produces(MediaType.APPLICATION_JSON)
public class TenantAdminResource {

    private final ControlPlane plane;
    private final CurrentCaller current;
    private final JsonBodies bodies;
    private final ObjectMapper mapper;

    TenantAdminResource(ControlPlane plane, CurrentCaller current, JsonBodies bodies, ObjectMapper mapper) {
        this.plane = plane;
        this.current = current;
        this.bodies = bodies;
        this.mapper = mapper;
    }

    /** {@code {"id": "acme"}}: 201 with the tenant, 409 when it exists, 400 on an id against the rule. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.OPERATOR_NAME)
    public Uni<Response> create(
            @RequestBody(
                            description =
                                    "{\"id\": \"acme\"}: 1-63 characters of [a-z0-9-], starting with a letter or digit",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(type = SchemaType.OBJECT)))
                    byte[] body) {
        ObjectNode request = bodies.object(body);
        JsonNode id = request.get("id");
        return plane.createTenant(id != null && id.isTextual() ? id.asText() : null)
                .map(tenant -> Response.created(UriBuilder.fromPath("/v1/admin/tenants/{tenant}")
                                .build(tenant.id().value()))
                        .entity(tenant(tenant))
                        .build());
    }

    @GET
    @RolesAllowed(Role.OPERATOR_NAME)
    public Uni<ObjectNode> list() {
        return plane.tenants().map(tenants -> {
            ObjectNode answer = mapper.createObjectNode();
            ArrayNode items = answer.putArray("items");
            tenants.forEach(tenant -> items.add(tenant(tenant)));
            return answer;
        });
    }

    /**
     * {@code {"roles": ["writer"], "name": "...", "expires_at": "2027-01-01T00:00:00Z"}}: 201 with the key, shown only
     * here. An admin may issue reader, writer and admin keys of its own tenant; operator keys only an operator.
     */
    @POST
    @Path("{tenant}/keys")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Uni<Response> issueKey(
            @RestPath String tenant,
            @RequestBody(
                            description =
                                    "{\"roles\": [\"writer\"], \"name\": \"...\", \"expires_at\": optional RFC 3339}",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(type = SchemaType.OBJECT)))
                    byte[] body) {
        Caller caller = current.caller();
        TenantId target = AdminScope.managed(caller, tenant);
        ObjectNode request = bodies.object(body);
        return plane.issueKey(
                        target,
                        roles(request.get("roles")),
                        text(request, "name"),
                        instant(text(request, "expires_at"), "expires_at"),
                        caller.has(Role.OPERATOR))
                .map(issued -> Response.created(UriBuilder.fromPath("/v1/admin/tenants/{tenant}/keys/{key}")
                                .build(target.value(), issued.record().keyId()))
                        .entity(issued(issued))
                        .build());
    }

    @GET
    @Path("{tenant}/keys")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Uni<ObjectNode> keys(@RestPath String tenant) {
        TenantId target = AdminScope.managed(current.caller(), tenant);
        return plane.keys(target).map(keys -> {
            ObjectNode answer = mapper.createObjectNode();
            ArrayNode items = answer.putArray("items");
            keys.forEach(key -> items.add(metadata(key)));
            return answer;
        });
    }

    /** Revokes the key: 204; refused on every replica within the authentication cache's lifetime. */
    @DELETE
    @Path("{tenant}/keys/{keyId}")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Uni<Response> revoke(@RestPath String tenant, @RestPath String keyId) {
        TenantId target = AdminScope.managed(current.caller(), tenant);
        return plane.revokeKey(target, keyId).map(done -> Response.noContent().build());
    }

    private ObjectNode tenant(TenantRecord tenant) {
        return mapper.createObjectNode()
                .put("id", tenant.id().value())
                .put("created_at", tenant.created().toString());
    }

    private ObjectNode issued(IssuedKey issued) {
        return metadata(issued.record()).put("key", issued.key());
    }

    /** What a key's listing shows: never the key, never its hash. */
    private ObjectNode metadata(ApiKeyRecord key) {
        ObjectNode node = mapper.createObjectNode()
                .put("key_id", key.keyId())
                .put("tenant", key.tenant().value())
                .put("name", key.name());
        ArrayNode roles = node.putArray("roles");
        key.roles().stream().sorted().forEach(role -> roles.add(role.wireName()));
        node.put("created_at", key.created().toString())
                .put("expires_at", key.expires() == null ? null : key.expires().toString())
                .put("revoked_at", key.revoked() == null ? null : key.revoked().toString());
        return node;
    }

    private static Set<Role> roles(@Nullable JsonNode roles) {
        if (roles == null || !roles.isArray() || roles.isEmpty()) {
            throw ControlPlaneFailure.malformed("roles must be a non-empty array of reader, writer, admin, operator");
        }
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        for (JsonNode role : roles) {
            parsed.add(role(role));
        }
        return parsed;
    }

    private static Role role(JsonNode role) {
        if (role.isTextual()) {
            for (Role known : Role.values()) {
                if (known.wireName().equals(role.asText())) {
                    return known;
                }
            }
        }
        throw ControlPlaneFailure.malformed("unknown role " + role + "; roles are reader, writer, admin, operator");
    }

    private static @Nullable String text(ObjectNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ControlPlaneFailure.malformed(field + " must be a string");
        }
        return value.asText();
    }

    /** An RFC 3339 date-time with an offset, or null when absent. */
    static @Nullable Instant instant(@Nullable String value, String field) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException e) {
            throw ControlPlaneFailure.malformed(field + " must be an RFC 3339 date-time such as 2027-01-31T12:00:00Z");
        }
    }
}

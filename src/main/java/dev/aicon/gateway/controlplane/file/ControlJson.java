package dev.aicon.gateway.controlplane.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.controlplane.ApiKeyRecord;
import dev.aicon.gateway.controlplane.AuditEntry;
import dev.aicon.gateway.controlplane.AuditEvent;
import dev.aicon.gateway.controlplane.TenantRecord;
import dev.aicon.gateway.domain.Role;
import dev.aicon.gateway.domain.TenantId;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The JSON form of tenants, keys and audit entries in the file backend's files. */
final class ControlJson {

    private ControlJson() {}

    static ObjectNode tenant(ObjectMapper mapper, TenantRecord tenant) {
        return mapper.createObjectNode()
                .put("id", tenant.id().value())
                .put("created", tenant.created().toString());
    }

    static TenantRecord tenant(JsonNode node) {
        return new TenantRecord(
                new TenantId(node.path("id").asText()),
                Instant.parse(node.path("created").asText()));
    }

    static ObjectNode key(ObjectMapper mapper, ApiKeyRecord key) {
        ObjectNode node = mapper.createObjectNode()
                .put("key_id", key.keyId())
                .put("tenant", key.tenant().value())
                .put("name", key.name())
                .put("sha256", key.sha256Hex())
                .put("created", key.created().toString())
                .put("expires", text(key.expires()))
                .put("revoked", text(key.revoked()));
        ArrayNode roles = node.putArray("roles");
        key.roles().stream().sorted().forEach(role -> roles.add(role.wireName()));
        return node;
    }

    static ApiKeyRecord key(JsonNode node) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        node.path("roles").forEach(role -> roles.add(Role.valueOf(role.asText().toUpperCase(Locale.ROOT))));
        return new ApiKeyRecord(
                node.path("key_id").asText(),
                new TenantId(node.path("tenant").asText()),
                roles,
                node.path("name").asText(),
                node.path("sha256").asText(),
                Instant.parse(node.path("created").asText()),
                instant(node.get("expires")),
                instant(node.get("revoked")));
    }

    static ObjectNode audit(ObjectMapper mapper, AuditEntry entry) {
        AuditEvent event = entry.event();
        ObjectNode node = mapper.createObjectNode()
                .put("id", entry.id())
                .put("at", event.at().toString())
                .put("subject", event.subject())
                .put("tenant", event.tenant() == null ? null : event.tenant().value())
                .put("action", event.action())
                .put("aicon_id", event.aiconId())
                .put("status", event.status())
                .put("outcome", event.outcome());
        if (event.version() != null) {
            node.put("version", event.version());
        } else {
            node.putNull("version");
        }
        return node;
    }

    static AuditEntry audit(JsonNode node) {
        JsonNode tenant = node.get("tenant");
        JsonNode aiconId = node.get("aicon_id");
        JsonNode version = node.get("version");
        return new AuditEntry(
                node.path("id").asLong(),
                new AuditEvent(
                        Instant.parse(node.path("at").asText()),
                        node.path("subject").asText(),
                        tenant == null || tenant.isNull() ? null : new TenantId(tenant.asText()),
                        node.path("action").asText(),
                        aiconId == null || aiconId.isNull() ? null : aiconId.asText(),
                        version == null || version.isNull() ? null : version.asLong(),
                        node.path("status").asInt(),
                        node.path("outcome").asText()));
    }

    private static @Nullable String text(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static @Nullable Instant instant(@Nullable JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }
}

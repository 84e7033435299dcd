package dev.aicon.gateway.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.store.StoreWrite;

import java.io.IOException;

/**
 * One journal entry per line: {@code {"seq", "tenant", "id", "expected", "kind", "factor"?, "document"?}}. The
 * document carries its version and {@code updated_at}, so replay writes exactly what was acknowledged. An entry
 * written before tenants existed has no {@code tenant}: it belongs to tenant {@code default}.
 */
final class JournalCodec {

    private final ObjectMapper mapper;

    JournalCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    byte[] encode(JournalEntry entry) throws JsonProcessingException {
        ObjectNode line = mapper.createObjectNode()
                .put("seq", entry.seq())
                .put("tenant", entry.tenant().value())
                .put("id", entry.id())
                .put("expected", entry.expectedVersion());
        if (entry.isDelete()) {
            line.put("kind", "delete");
        } else {
            StoreWrite.Change change = entry.write().change();
            line.put("kind", kindOf(change));
            if (change instanceof StoreWrite.FactorPut put) {
                line.put("factor", put.name());
            } else if (change instanceof StoreWrite.FactorDelete delete) {
                line.put("factor", delete.name());
            }
            line.set("document", entry.next().toDocument());
        }
        byte[] json = mapper.writeValueAsBytes(line);
        byte[] withNewline = new byte[json.length + 1];
        System.arraycopy(json, 0, withNewline, 0, json.length);
        withNewline[json.length] = '\n';
        return withNewline;
    }

    JournalEntry decode(byte[] line) throws IOException {
        JsonNode node = mapper.readTree(line);
        long seq = node.get("seq").asLong();
        TenantId tenant = tenantOf(node);
        String id = node.get("id").asText();
        long expected = node.get("expected").asLong();
        String kind = node.get("kind").asText();
        if (kind.equals("delete")) {
            return JournalEntry.ofDelete(seq, tenant, id, expected);
        }
        ObjectNode document = (ObjectNode) node.get("document");
        AIcon next = AIcon.fromDocument(id, document)
                .stamped(
                        document.get(AIcon.VERSION).asLong(),
                        document.get(AIcon.UPDATED_AT).asText());
        return JournalEntry.ofWrite(
                seq,
                new StoreWrite(
                        tenant,
                        next,
                        expected,
                        changeOf(kind, node.path("factor").asText())));
    }

    /** The entry's tenant; {@code default} for an entry written before tenants existed. */
    static TenantId tenantOf(JsonNode entry) {
        JsonNode tenant = entry.get("tenant");
        return tenant == null || tenant.isNull() ? TenantId.DEFAULT : new TenantId(tenant.asText());
    }

    private static String kindOf(StoreWrite.Change change) {
        if (change instanceof StoreWrite.FactorPut) {
            return "factor_put";
        } else if (change instanceof StoreWrite.FactorDelete) {
            return "factor_delete";
        } else if (change instanceof StoreWrite.Attributes) {
            return "attributes";
        } else if (change instanceof StoreWrite.Brain) {
            return "brain";
        }
        return "replace";
    }

    private static StoreWrite.Change changeOf(String kind, String factor) {
        return switch (kind) {
            case "factor_put" -> new StoreWrite.FactorPut(factor);
            case "factor_delete" -> new StoreWrite.FactorDelete(factor);
            case "attributes" -> new StoreWrite.Attributes();
            case "brain" -> new StoreWrite.Brain();
            case "replace" -> new StoreWrite.Replace();
            default -> throw new IllegalArgumentException("unknown journal entry kind " + kind);
        };
    }
}

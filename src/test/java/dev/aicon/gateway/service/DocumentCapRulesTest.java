package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.config.DocumentConfig;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.failure.FailureKind;
import dev.aicon.gateway.support.Fixtures;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link DocumentCap}, the cap every write path holds its next version against, without starting Quarkus: the size
 * is the whole document as GET returns it, compact JSON counted in UTF-8 bytes, and a document exactly at the cap
 * is still accepted.
 */
class DocumentCapRulesTest {

    private static DocumentCap capOf(long maxBytes) {
        DocumentConfig documents = new SmallRyeConfigBuilder()
                .withMapping(DocumentConfig.class)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValue("aicon.document.max-bytes", Long.toString(maxBytes))
                .build()
                .getConfigMapping(DocumentConfig.class);
        return new DocumentCap(Fixtures.MAPPER, documents);
    }

    /** An AIcon whose name is made of multi-byte characters, so UTF-8 bytes and chars differ. */
    private static AIcon withWideName() {
        ObjectNode document = Fixtures.json("{\"aicon_type\":\"t\"}").put("name", "äöü€".repeat(20));
        return AIcon.fromDocument("wide", document).stamped(3, "2026-12-02T10:00:00Z");
    }

    private static long compactUtf8Bytes(AIcon aicon) {
        return aicon.toDocument().toString().getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aDocumentExactlyAtTheCapIsAcceptedAndOneByteOverIsDocumentTooLarge() {
        AIcon aicon = withWideName();
        long size = compactUtf8Bytes(aicon);
        assertDoesNotThrow(() -> capOf(size).require(aicon));
        ServiceException over =
                assertThrows(ServiceException.class, () -> capOf(size - 1).require(aicon));
        assertEquals(FailureKind.DOCUMENT_TOO_LARGE, over.kind());
        assertEquals(new ServiceException.Oversize(size, size - 1), over.oversize());
    }

    @Test
    void theSizeIsTheCompactUtf8DocumentWithItsServerFields() {
        AIcon aicon = withWideName();
        long size = capOf(1 << 20).sizeOf(aicon);
        assertEquals(compactUtf8Bytes(aicon), size);
        assertEquals(aicon.toDocument().toString().length() + 100, size, "ä, ö, ü count 2 bytes, € 3, 20 times");
    }
}

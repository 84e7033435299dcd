package dev.aicon.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The state files under {@code src/test/resources/sdk-states}, shaped as the AIcon SDK's {@code save_state} writes
 * them: three {@code <id>.json} documents and one {@code <id>.pkl} pickle (of {@link #MARKETING}).
 */
public final class SdkStates {

    /** A MarketingAIcon with subclass fields ({@code sensors}, {@code utility_config}, {@code decision_params}). */
    public static final String MARKETING = "marketing-7f3a";
    /** An older SDK's file: no {@code relationships}, null constraints, extreme doubles, Unicode names. */
    public static final String LEGACY = "legacy-scout";
    /** An AIcon with a {@code run_stats.updates} history. */
    public static final String RUNNER = "runner-42";

    public static final List<String> DOCUMENTS = List.of(MARKETING, LEGACY, RUNNER);

    private SdkStates() {}

    /** Fresh ids for the fixtures, by fixture name, so tests never meet each other's AIcons. */
    public static String freshId(String fixture) {
        return fixture + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The fixture document's bytes with its id changed to {@code id}; nothing else in the text changes. */
    public static byte[] document(String fixture, String id) {
        String text = new String(resource(fixture + ".json"), StandardCharsets.UTF_8);
        return text.replace("\"" + fixture + "\"", "\"" + id + "\"").getBytes(StandardCharsets.UTF_8);
    }

    /** The fixture pickle's bytes, as the SDK wrote them. */
    public static byte[] pickle() {
        return resource(MARKETING + ".pkl");
    }

    public static JsonNode tree(byte[] json) {
        try {
            return Fixtures.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The field names of an object in order, to compare key order (tree equality ignores it). */
    public static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static byte[] resource(String name) {
        try (InputStream in = SdkStates.class.getResourceAsStream("/sdk-states/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

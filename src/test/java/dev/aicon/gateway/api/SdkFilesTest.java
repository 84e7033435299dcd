package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.ImportRootAndFastEventsProfile;
import dev.aicon.gateway.support.SdkStates;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.aicon.gateway.api.ApiClient.PROBLEM;
import static dev.aicon.gateway.api.ApiClient.document;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SDK state files: import of uploads and of a directory under the configured root, and export in the SDK's shape. */
@QuarkusTest
@TestProfile(ImportRootAndFastEventsProfile.class)
class SdkFilesTest {

    static final String IMPORT = "/v1/aicons:importSdk";
    static final String DIRECTORY_IMPORT = "/v1/admin/sdk-import";
    static final String EXPORT = "/v1/aicons/{id}/sdk";
    static final String BRAIN = "/v1/aicons/{id}/brain";

    /** Fresh ids for the three fixture documents, by fixture name. */
    private static Map<String, String> freshIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        SdkStates.DOCUMENTS.forEach(fixture -> ids.put(fixture, SdkStates.freshId(fixture)));
        return ids;
    }

    private static RequestSpecification withDocuments(RequestSpecification request, Map<String, String> ids) {
        ids.forEach((fixture, id) ->
                request.multiPart("file", id + ".json", SdkStates.document(fixture, id), "application/json"));
        return request;
    }

    /** Posts an upload import; the ':' of the path is sent as is (REST Assured would percent-encode it). */
    private static ObjectNode importing(RequestSpecification request) {
        return Fixtures.json(request.urlEncodingEnabled(false)
                .post(IMPORT)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .asString());
    }

    private static void assertItem(JsonNode item, String file, String id, int status, String kind) {
        assertEquals(file, item.get("file").asText(), item.toString());
        assertEquals(id, item.get("id").asText(), item.toString());
        assertEquals(status, item.get("status").asInt(), item.toString());
        assertEquals(kind, item.get("kind").asText(), item.toString());
    }

    @Test
    void uploadedFilesAreImportedDocumentsFirstWithOneReportItemEach() {
        Map<String, String> ids = freshIds();
        String marketing = ids.get(SdkStates.MARKETING);
        RequestSpecification request =
                given().multiPart("file", marketing + ".pkl", SdkStates.pickle(), "application/octet-stream");
        ObjectNode report = importing(withDocuments(request, ids));
        assertEquals(4, report.get("imported").asInt(), report.toString());
        assertEquals(0, report.get("failed").asInt());
        List<JsonNode> items =
                List.copyOf(Arrays.asList(Fixtures.MAPPER.convertValue(report.get("items"), JsonNode[].class)));
        int i = 0;
        for (String id : ids.values()) {
            assertItem(items.get(i), id + ".json", id, 201, "document");
            assertEquals(1, items.get(i++).get("version").asInt());
        }
        assertItem(items.get(3), marketing + ".pkl", marketing, 201, "brain");
        assertEquals(2, items.get(3).get("version").asInt(), "the brain write bumps the AIcon version");
        assertFalse(items.get(3).has("error"));

        ObjectNode stored = document(marketing);
        assertEquals("api", stored.at("/sensors/0/kind").asText());
        assertEquals("expected_roi", stored.at("/utility_config/type").asText());
        assertEquals(14, stored.at("/decision_params/horizon_days").asInt());
        assertEquals("pickle", stored.at("/brain/format").asText());
        ObjectNode legacy = document(ids.get(SdkStates.LEGACY));
        assertEquals("Spähtrupp — 探索者 ✓", legacy.get("name").asText());
        assertEquals(1e-300, legacy.at("/state_factors/signal_strength/value").asDouble());
        assertEquals(1.7e308, legacy.at("/state_factors/upper_bound/value").asDouble());
        assertTrue(legacy.at("/state_factors/region/constraints").isNull());
        assertFalse(legacy.at("/state_factors/team_size").has("relationships"));
        assertEquals("2025-03-02T23:59:59.000001", legacy.get("created_at").asText());
        ObjectNode runner = document(ids.get(SdkStates.RUNNER));
        assertEquals(3, runner.at("/run_stats/updates").size());
        assertEquals("timeout", runner.at("/run_stats/updates/1/metadata/error").asText());
    }

    @Test
    void theSdkExportIsTheImportedFileWithItsKeyOrder() {
        Map<String, String> ids = freshIds();
        importing(withDocuments(given(), ids));
        ids.forEach((fixture, id) -> {
            byte[] exported = given().get(EXPORT, id)
                    .then()
                    .statusCode(200)
                    .contentType("application/json")
                    .header("Content-Disposition", "attachment; filename=\"" + id + ".json\"")
                    .header("ETag", "\"1\"")
                    .extract()
                    .asByteArray();
            JsonNode file = SdkStates.tree(SdkStates.document(fixture, id));
            JsonNode back = SdkStates.tree(exported);
            assertEquals(file, back, fixture);
            assertEquals(SdkStates.fieldNames(file), SdkStates.fieldNames(back), fixture + ": top-level key order");
            assertEquals(
                    SdkStates.fieldNames(file.get("state_factors")), SdkStates.fieldNames(back.get("state_factors")));
        });
        given().get(EXPORT, "no-such-aicon").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aPickleIsTheBrainByteForByteAndTheExportLeavesTheBrainOut() {
        String id = SdkStates.freshId(SdkStates.MARKETING);
        importing(given().multiPart("file", id + ".pkl", SdkStates.pickle())
                .multiPart("file", id + ".json", SdkStates.document(SdkStates.MARKETING, id)));
        assertArrayEquals(
                SdkStates.pickle(),
                given().get(BRAIN, id).then().statusCode(200).extract().asByteArray());
        given().head(BRAIN, id)
                .then()
                .statusCode(200)
                .header("Content-Length", Integer.toString(SdkStates.pickle().length));
        assertEquals("pickle", document(id).at("/brain/format").asText());
        JsonNode exported = SdkStates.tree(
                given().get(EXPORT, id).then().statusCode(200).extract().asByteArray());
        assertFalse(
                exported.has("brain") || exported.has("version") || exported.has("updated_at"), exported.toString());
        assertEquals(SdkStates.tree(SdkStates.document(SdkStates.MARKETING, id)), exported);
    }

    @Test
    void aPickleWithoutItsDocumentGetsAMinimalOwner() {
        String id = SdkStates.freshId("lonely");
        ObjectNode report = importing(given().multiPart("file", id + ".pkl", SdkStates.pickle()));
        assertItem(report.at("/items/0"), id + ".pkl", id, 201, "brain");
        ObjectNode stored = document(id);
        assertEquals(id, stored.get("name").asText());
        assertEquals("unknown", stored.get("aicon_type").asText());
        assertEquals(0, stored.get("state_factors").size());
        assertEquals("pickle", stored.at("/brain/format").asText());
    }

    @Test
    void aBadFileFailsAloneWithAProblemAndStoresNothing() {
        String good = SdkStates.freshId(SdkStates.RUNNER);
        String broken = SdkStates.freshId("broken");
        String invalid = SdkStates.freshId("invalid");
        byte[] truncated = Arrays.copyOf(SdkStates.document(SdkStates.RUNNER, broken), 300);
        String breaksRules = new String(SdkStates.document(SdkStates.MARKETING, invalid), StandardCharsets.UTF_8)
                .replace("\"value\": \"google\"", "\"value\": \"myspace\"");
        ObjectNode report = importing(given().multiPart("file", broken + ".json", truncated)
                .multiPart("file", broken + ".pkl", SdkStates.pickle())
                .multiPart("file", good + ".json", SdkStates.document(SdkStates.RUNNER, good))
                .multiPart("file", invalid + ".json", breaksRules.getBytes(StandardCharsets.UTF_8))
                .multiPart("file", "notes.txt", "hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, report.get("imported").asInt(), report.toString());
        assertEquals(4, report.get("failed").asInt());
        assertItem(report.at("/items/0"), broken + ".json", broken, 400, "document");
        assertEquals(
                "urn:aicon:problem:invalid-sdk-file",
                report.at("/items/0/error/type").asText());
        assertTrue(report.at("/items/0/error/detail").asText().contains("line"), report.toString());
        assertEquals(400, report.at("/items/0/error/status").asInt());
        assertItem(report.at("/items/1"), good + ".json", good, 201, "document");
        assertItem(report.at("/items/2"), invalid + ".json", invalid, 400, "document");
        assertEquals(
                "state_factors.channel.value",
                report.at("/items/2/error/errors/0/field").asText());
        assertItem(report.at("/items/3"), broken + ".pkl", broken, 424, "brain");
        assertEquals("notes.txt", report.at("/items/4/file").asText());
        assertEquals(400, report.at("/items/4/status").asInt());
        assertTrue(report.at("/items/4/kind").isNull());
        ApiClient.get(broken).then().statusCode(404);
        ApiClient.get(invalid).then().statusCode(404);
        ApiClient.get(good).then().statusCode(200);
    }

    @Test
    void theIdComesFromTheDocumentElseFromTheFileNameAndTheServerOwnsTheVersion() {
        String inside = SdkStates.freshId("inside");
        String named = SdkStates.freshId("named");
        ObjectNode withId = Fixtures.sdkDocument(inside).put("version", 99).put("updated_at", "1999-01-01T00:00:00Z");
        ObjectNode withoutId = Fixtures.sdkDocument("x");
        withoutId.remove("id");
        ObjectNode report = importing(given().multiPart(
                        "file", "whatever.json", withId.toString().getBytes())
                .multiPart("file", named + ".json", withoutId.toString().getBytes())
                .multiPart("file", "not an id!.json", withoutId.toString().getBytes()));
        assertItem(report.at("/items/0"), "whatever.json", inside, 201, "document");
        assertItem(report.at("/items/1"), named + ".json", named, 201, "document");
        assertEquals(400, report.at("/items/2/status").asInt());
        ApiClient.get(inside).then().statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1));
        ApiClient.get(named).then().statusCode(200).body("id", equalTo(named));
        importing(given().multiPart("file", "whatever.json", withId.toString().getBytes()));
        ApiClient.get(inside).then().header("ETag", "\"2\"");
    }

    @Test
    void eachFileIsHeldToTheLimitOfItsKindNotTheDocumentBodyLimit() {
        String big = SdkStates.freshId("big-brain");
        String huge = SdkStates.freshId("huge-doc");
        byte[] brain = new byte[3 * 1024 * 1024];
        Arrays.fill(brain, (byte) 7);
        ObjectNode hugeDocument = Fixtures.sdkDocument(huge).put("padding", "x".repeat(2 * 1024 * 1024 + 1));
        ObjectNode report = importing(given().multiPart("file", big + ".pkl", brain)
                .multiPart("file", huge + ".json", hugeDocument.toString().getBytes()));
        assertItem(report.at("/items/0"), huge + ".json", huge, 413, "document");
        assertTrue(report.at("/items/0/error/detail").asText().contains("aicon.document.max-bytes"));
        assertItem(report.at("/items/1"), big + ".pkl", big, 201, "brain");
        assertArrayEquals(
                brain, given().get(BRAIN, big).then().statusCode(200).extract().asByteArray());
        ApiClient.get(huge).then().statusCode(404);
    }

    @Test
    void aBodyThatIsNotMultipartIs415AndOneWithoutFilePartsIs400() {
        given().urlEncodingEnabled(false)
                .contentType("application/json")
                .body("{}")
                .post(IMPORT)
                .then()
                .statusCode(415)
                .contentType(PROBLEM);
        given().urlEncodingEnabled(false)
                .multiPart("note", "just text")
                .post(IMPORT)
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("no file parts"));
    }

    @Test
    void aBrainUploadedAsAPythonPickleRecordsItsFormat() {
        String id = SdkStates.freshId("put-brain");
        ApiClient.put(id, Fixtures.sdkDocument(id)).then().statusCode(201);
        given().contentType("application/x-python-pickle")
                .body(SdkStates.pickle())
                .put(BRAIN, id)
                .then()
                .statusCode(201)
                .body("format", equalTo("pickle"));
        assertEquals("pickle", document(id).at("/brain/format").asText());
        given().contentType("application/octet-stream")
                .body(SdkStates.pickle())
                .put(BRAIN, id)
                .then()
                .statusCode(200);
        assertFalse(document(id).get("brain").has("format"), "an octet-stream brain has no recorded format");
    }

    @Test
    void aDirectoryUnderTheRootIsImportedFileByFile() throws IOException {
        Map<String, String> ids = freshIds();
        Path states = Files.createDirectories(ImportRootAndFastEventsProfile.ROOT.resolve(SdkStates.freshId("states")));
        ids.forEach((fixture, id) -> write(states.resolve(id + ".json"), SdkStates.document(fixture, id)));
        String marketing = ids.get(SdkStates.MARKETING);
        write(states.resolve(marketing + ".pkl"), SdkStates.pickle());
        write(states.resolve("README.txt"), "not an SDK file".getBytes());
        Files.createDirectories(states.resolve("nested"));
        write(states.resolve("nested").resolve(SdkStates.freshId("nested") + ".json"), "{".getBytes());
        ObjectNode report = Fixtures.json(ApiClient.json()
                .body(Fixtures.MAPPER
                        .createObjectNode()
                        .put("dir", states.toString())
                        .toString())
                .post(DIRECTORY_IMPORT)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertEquals(4, report.get("imported").asInt(), report.toString());
        assertEquals(0, report.get("failed").asInt());
        assertItem(report.at("/items/3"), marketing + ".pkl", marketing, 201, "brain");
        ids.forEach((fixture, id) -> assertEquals(
                SdkStates.tree(SdkStates.document(fixture, id)),
                SdkStates.tree(
                        given().get(EXPORT, id).then().statusCode(200).extract().asByteArray())));
        assertArrayEquals(
                SdkStates.pickle(),
                given().get(BRAIN, marketing).then().statusCode(200).extract().asByteArray());
        assertTrue(Files.exists(states.resolve(marketing + ".pkl")), "the source files stay where they are");
    }

    @Test
    void directoriesOutsideTheRootAre403AndMissingOnes404() throws IOException {
        Path root = ImportRootAndFastEventsProfile.ROOT;
        Path outside = Files.createDirectories(root.getParent().resolve(SdkStates.freshId("outside")));
        Path link = root.resolve(SdkStates.freshId("link"));
        Files.createSymbolicLink(link, outside);
        for (String dir : List.of(outside.toString(), root + "/../" + outside.getFileName(), link.toString(), "/")) {
            directoryImport(dir)
                    .then()
                    .statusCode(403)
                    .contentType(PROBLEM)
                    .body("type", equalTo("urn:aicon:problem:sdk-import-forbidden"));
        }
        directoryImport(root.resolve("missing").toString())
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
        ApiClient.json()
                .body("{\"directory\": \"x\"}")
                .post(DIRECTORY_IMPORT)
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
    }

    /**
     * A directory import follows no symbolic link: a link to a file outside the root, and one to a file inside it,
     * are each refused with their own report entry (400, naming the link) while the plain file beside them is
     * imported; nothing a link points to is stored.
     */
    @Test
    void linksInTheDirectoryAreRefusedEachWithItsOwnReportEntry() throws IOException {
        Path root = ImportRootAndFastEventsProfile.ROOT;
        Path states = Files.createDirectories(root.resolve(SdkStates.freshId("links")));
        Path outside = Files.createDirectories(root.getParent().resolve(SdkStates.freshId("elsewhere")));
        String plain = SdkStates.freshId(SdkStates.RUNNER);
        String secret = SdkStates.freshId(SdkStates.MARKETING);
        String twin = SdkStates.freshId(SdkStates.LEGACY);
        String brain = SdkStates.freshId("brain");
        write(states.resolve(plain + ".json"), SdkStates.document(SdkStates.RUNNER, plain));
        write(outside.resolve(secret + ".json"), SdkStates.document(SdkStates.MARKETING, secret));
        write(outside.resolve(brain + ".pkl"), SdkStates.pickle());
        Files.createSymbolicLink(states.resolve(secret + ".json"), outside.resolve(secret + ".json"));
        Files.createSymbolicLink(states.resolve(brain + ".pkl"), outside.resolve(brain + ".pkl"));
        Path inside = Files.createDirectories(root.resolve(SdkStates.freshId("inside")));
        write(inside.resolve(twin + ".json"), SdkStates.document(SdkStates.LEGACY, twin));
        Files.createSymbolicLink(states.resolve(twin + ".json"), inside.resolve(twin + ".json"));

        ObjectNode report = Fixtures.json(directoryImport(states.toString())
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertEquals(1, report.get("imported").asInt(), report.toString());
        assertEquals(3, report.get("failed").asInt(), report.toString());
        for (JsonNode item : report.get("items")) {
            String file = item.get("file").asText();
            if (file.equals(plain + ".json")) {
                assertEquals(201, item.get("status").asInt(), item.toString());
                continue;
            }
            assertEquals(400, item.get("status").asInt(), item.toString());
            assertEquals(
                    "urn:aicon:problem:invalid-sdk-file", item.at("/error/type").asText());
            assertTrue(item.at("/error/detail").asText().contains("symbolic link"), item.toString());
        }
        ApiClient.get(plain).then().statusCode(200);
        ApiClient.get(secret).then().statusCode(404);
        ApiClient.get(twin).then().statusCode(404);
        ApiClient.get(brain).then().statusCode(404);
    }

    /** A directory reached through a link below the root is refused as a whole, even when the link stays inside. */
    @Test
    void aDirectoryReachedThroughALinkBelowTheRootIs403() throws IOException {
        Path root = ImportRootAndFastEventsProfile.ROOT;
        Path real = Files.createDirectories(root.resolve(SdkStates.freshId("real")));
        String id = SdkStates.freshId(SdkStates.RUNNER);
        write(real.resolve(id + ".json"), SdkStates.document(SdkStates.RUNNER, id));
        Path alias = Files.createSymbolicLink(root.resolve(SdkStates.freshId("alias")), real);
        directoryImport(alias.toString())
                .then()
                .statusCode(403)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:aicon:problem:sdk-import-forbidden"))
                .body("detail", containsString("symbolic link"));
        ApiClient.get(id).then().statusCode(404);
    }

    static io.restassured.response.Response directoryImport(String dir) {
        return ApiClient.json()
                .body(Fixtures.MAPPER.createObjectNode().put("dir", dir).toString())
                .post(DIRECTORY_IMPORT);
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.support.Fixtures;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.aicon.gateway.api.ApiClient.PROBLEM;
import static dev.aicon.gateway.api.ApiClient.assertUnchanged;
import static dev.aicon.gateway.api.ApiClient.create;
import static dev.aicon.gateway.api.ApiClient.document;
import static dev.aicon.gateway.api.ApiClient.snapshot;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bulk endpoints: batchGet, batchPut (per item and atomic), export and import, on every store. */
abstract class BatchApiContract {

    static final String BATCH_GET = "/v1/aicons:batchGet";
    static final String BATCH_PUT = "/v1/aicons:batchPut";
    static final String EXPORT = "/v1/aicons:export";
    static final String IMPORT = "/v1/aicons:import";

    @Test
    void batchGetAnswersFoundDocumentsAsGetDoesAndNamesTheMissingOnes() {
        String a = Fixtures.uniqueId("bget-a");
        String b = Fixtures.uniqueId("bget-b");
        String absent = Fixtures.uniqueId("bget-absent");
        create(a);
        create(b);
        JsonPath answer = batchGet(a, absent, b, a)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();
        assertEquals(List.of(a, b), answer.getList("items.id"));
        assertEquals(List.of(absent), answer.getList("missing"));
        ArrayNode items = (ArrayNode) Fixtures.json(batchGet(a, b).asString()).get("items");
        assertEquals(document(a), items.get(0));
        assertEquals(document(b), items.get(1));
        assertEquals(1, items.get(0).get("version").asInt());
        assertTrue(items.get(0).has("updated_at"));
    }

    @Test
    void batchGetOfNoIdsIsEmpty() {
        batchGet().then().statusCode(200).body("items.size()", equalTo(0)).body("missing.size()", equalTo(0));
    }

    @Test
    void batchGetOfMoreIdsThanTheLimitIs413() {
        String[] ids = IntStream.range(0, 501).mapToObj(i -> "many-" + i).toArray(String[]::new);
        batchGet(ids)
                .then()
                .statusCode(413)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:aicon:problem:batch-too-large"));
    }

    @Test
    void batchGetWithBadIdsIs400NamingEachOfThem() {
        batchGet("fine", "not fine", "..")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("ids[1]", "ids[2]")));
        bulk().contentType(ContentType.JSON)
                .body("{\"ids\": \"a\"}")
                .post(BATCH_GET)
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        bulk().contentType(ContentType.JSON)
                .body("{\"ids\": [1]}")
                .post(BATCH_GET)
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
    }

    @Test
    void batchPutAnswersEachItemAndStoresTheGoodOnes() {
        String created = Fixtures.uniqueId("bput-new");
        String replaced = Fixtures.uniqueId("bput-replace");
        String stale = Fixtures.uniqueId("bput-stale");
        String invalid = Fixtures.uniqueId("bput-invalid");
        create(replaced);
        create(stale);
        String staleBefore = snapshot(stale);
        ArrayNode items = Fixtures.MAPPER.createArrayNode();
        items.add(item(created, Fixtures.sdkDocument(created), null));
        items.add(item(replaced, Fixtures.sdkDocument(replaced).put("name", "Replaced"), 1L));
        items.add(item(stale, Fixtures.sdkDocument(stale), 5L));
        items.add(item(invalid, invalidDocument(invalid), null));
        JsonPath answer =
                batchPut(false, items).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(created, replaced, stale, invalid), answer.getList("items.id"));
        assertEquals(List.of(201, 200, 412, 400), answer.getList("items.status"));
        assertEquals(List.of(1, 2), answer.getList("items.version").subList(0, 2));
        assertEquals("urn:aicon:problem:precondition-failed", answer.getString("items[2].error.type"));
        assertEquals("state_factors.channel.value", answer.getString("items[3].error.errors[0].field"));
        assertEquals(1, document(created).get("version").asInt());
        assertEquals("Replaced", document(replaced).get("name").asText());
        assertUnchanged(stale, staleBefore);
        ApiClient.get(invalid).then().statusCode(404);
    }

    @Test
    void anAtomicBatchWithOneInvalidItemStoresNothing() {
        String fresh = Fixtures.uniqueId("atomic-new");
        String existing = Fixtures.uniqueId("atomic-existing");
        String invalid = Fixtures.uniqueId("atomic-invalid");
        create(existing);
        String before = snapshot(existing);
        ArrayNode items = Fixtures.MAPPER.createArrayNode();
        items.add(item(fresh, Fixtures.sdkDocument(fresh), null));
        items.add(item(existing, Fixtures.sdkDocument(existing).put("name", "changed"), 1L));
        items.add(item(invalid, invalidDocument(invalid), null));
        JsonPath answer = batchPut(true, items).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(424, 424, 400), answer.getList("items.status"));
        assertEquals("urn:aicon:problem:not-applied", answer.getString("items[0].error.type"));
        assertEquals("Failed Dependency", answer.getString("items[0].error.title"));
        ApiClient.get(fresh).then().statusCode(404);
        assertUnchanged(existing, before);
        ApiClient.get(invalid).then().statusCode(404);
    }

    @Test
    void anAtomicBatchWithOneStaleExpectedVersionStoresNothing() {
        String first = Fixtures.uniqueId("atomic-first");
        String stale = Fixtures.uniqueId("atomic-stale");
        String fresh = Fixtures.uniqueId("atomic-fresh");
        create(first);
        create(stale);
        String firstBefore = snapshot(first);
        String staleBefore = snapshot(stale);
        ArrayNode items = Fixtures.MAPPER.createArrayNode();
        items.add(item(first, Fixtures.sdkDocument(first).put("name", "changed"), 1L));
        items.add(item(stale, Fixtures.sdkDocument(stale).put("name", "changed"), 7L));
        items.add(item(fresh, Fixtures.sdkDocument(fresh), 0L));
        batchPut(true, items)
                .then()
                .statusCode(200)
                .body("items.status", equalTo(List.of(424, 412, 424)))
                .body("items[1].error.type", equalTo("urn:aicon:problem:precondition-failed"));
        assertUnchanged(first, firstBefore);
        assertUnchanged(stale, staleBefore);
        ApiClient.get(fresh).then().statusCode(404);
    }

    @Test
    void anAtomicBatchStoresEveryItemAndBumpsEachVersionByOne() {
        String existing = Fixtures.uniqueId("atomic-ok-existing");
        String fresh = Fixtures.uniqueId("atomic-ok-new");
        create(existing);
        ArrayNode items = Fixtures.MAPPER.createArrayNode();
        items.add(item(existing, Fixtures.sdkDocument(existing).put("name", "second"), 1L));
        items.add(item(fresh, Fixtures.sdkDocument(fresh), 0L));
        batchPut(true, items)
                .then()
                .statusCode(200)
                .body("items.status", equalTo(List.of(200, 201)))
                .body("items.version", equalTo(List.of(2, 1)));
        ObjectNode stored = document(existing);
        assertEquals(2, stored.get("version").asInt());
        assertEquals("second", stored.get("name").asText());
        ApiClient.get(existing).then().header("ETag", "\"2\"");
        assertEquals(1, document(fresh).get("version").asInt());
    }

    /** Bulk creates continue a deleted id's versions as a single PUT does (a delete of version 1 consumes 2). */
    @Test
    void batchPutAndImportCreateDeletedIdsAfterTheirLastVersion() {
        String atomic = Fixtures.uniqueId("bulk-again-atomic");
        String single = Fixtures.uniqueId("bulk-again-single");
        String imported = Fixtures.uniqueId("bulk-again-import");
        for (String id : List.of(atomic, single, imported)) {
            create(id);
            given().delete("/v1/aicons/{id}", id).then().statusCode(204);
        }
        ArrayNode atomicItems = Fixtures.MAPPER.createArrayNode().add(item(atomic, Fixtures.sdkDocument(atomic), 0L));
        batchPut(true, atomicItems)
                .then()
                .statusCode(200)
                .body("items.status", equalTo(List.of(201)))
                .body("items.version", equalTo(List.of(3)));
        ArrayNode singleItems = Fixtures.MAPPER.createArrayNode().add(item(single, Fixtures.sdkDocument(single), 0L));
        batchPut(false, singleItems).then().statusCode(200).body("items.version", equalTo(List.of(3)));
        importNdjson((Fixtures.sdkDocument(imported).toString() + "\n").getBytes(StandardCharsets.UTF_8))
                .then()
                .statusCode(200)
                .body("imported", equalTo(1));
        for (String id : List.of(atomic, single, imported)) {
            ApiClient.get(id).then().statusCode(200).header("ETag", "\"3\"");
            given().header("If-None-Match", "\"1\"")
                    .get("/v1/aicons/{id}", id)
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void anAtomicBatchNamingAnAIconTwiceIs400AndStoresNothing() {
        String twice = Fixtures.uniqueId("atomic-twice");
        String other = Fixtures.uniqueId("atomic-other");
        ArrayNode items = Fixtures.MAPPER.createArrayNode();
        items.add(item(twice, Fixtures.sdkDocument(twice), null));
        items.add(item(other, Fixtures.sdkDocument(other), null));
        items.add(item(twice, Fixtures.sdkDocument(twice), null));
        batchPut(true, items).then().statusCode(200).body("items.status", equalTo(List.of(400, 424, 400)));
        ApiClient.get(twice).then().statusCode(404);
        ApiClient.get(other).then().statusCode(404);
    }

    @Test
    void batchPutOfMoreItemsThanTheLimitIs413() {
        ArrayNode items = Fixtures.MAPPER.createArrayNode();
        IntStream.range(0, 501)
                .forEach(i -> items.addObject().put("id", "x" + i).putObject("document"));
        batchPut(false, items)
                .then()
                .statusCode(413)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:aicon:problem:batch-too-large"));
    }

    @Test
    void exportStreamsEveryAIconAsNdjsonInIdOrder() {
        String type = Fixtures.uniqueId("export");
        List<String> ids = new ArrayList<>();
        for (int i : new int[] {3, 1, 4, 0, 2}) {
            String id = type + "-" + i;
            ApiClient.put(id, Fixtures.sdkDocument(id).put("aicon_type", type))
                    .then()
                    .statusCode(201);
            ids.add(id);
        }
        ids.sort(String::compareTo);
        var response = bulk().queryParam("aicon_type", type)
                .get(EXPORT)
                .then()
                .statusCode(200)
                .contentType("application/x-ndjson")
                .extract();
        List<JsonNode> lines = lines(response.asByteArray());
        assertEquals(ids, lines.stream().map(line -> line.get("id").asText()).toList());
        for (JsonNode line : lines) {
            assertEquals(document(line.get("id").asText()), line);
        }
        List<String> all = lines(
                        bulk().get(EXPORT).then().statusCode(200).extract().asByteArray())
                .stream()
                .map(line -> line.get("id").asText())
                .toList();
        assertTrue(all.containsAll(ids));
        assertEquals(all.stream().sorted().toList(), all);
    }

    @Test
    void importStoresGoodLinesAndReportsEachBadOneWithItsLineNumber() {
        String type = Fixtures.uniqueId("import");
        String fresh = type + "-fresh";
        String replaced = type + "-replaced";
        String invalid = type + "-invalid";
        String twice = type + "-twice";
        create(replaced);
        ObjectNode withBrain = Fixtures.sdkDocument(fresh).put("version", 41).put("updated_at", "2020-01-01T00:00:00Z");
        withBrain.putObject("brain").put("sha256", "00").put("size", 1);
        ObjectNode overlong = Fixtures.sdkDocument(type + "-overlong");
        overlong.put("padding", "x".repeat(2 * 1024 * 1024 + 1));
        String body = String.join(
                        "\n",
                        withBrain.toString(), // 1
                        "{not json", // 2
                        "[1, 2]", // 3
                        invalidDocument(invalid).toString(), // 4
                        Fixtures.sdkDocument("../escape").toString(), // 5
                        "", // 6
                        Fixtures.sdkDocument(replaced).put("name", "imported").toString(), // 7
                        overlong.toString(), // 8
                        Fixtures.sdkDocument(twice).put("name", "first").toString(), // 9
                        Fixtures.sdkDocument(twice).put("name", "second").toString())
                + "\r\n"; // 10
        JsonPath answer = importNdjson(body.getBytes(StandardCharsets.UTF_8))
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();
        assertEquals(4, answer.getInt("imported"));
        assertEquals(5, answer.getInt("failed"));
        assertEquals(List.of(2, 3, 4, 5, 8), answer.getList("errors.line"));
        assertEquals(List.of(400, 400, 400, 400, 413), answer.getList("errors.error.status"));
        assertEquals(invalid, answer.getString("errors[2].id"));
        ObjectNode stored = document(fresh);
        assertEquals(1, stored.get("version").asInt());
        assertFalse(stored.has("brain"), "brains are not imported");
        assertEquals("imported", document(replaced).get("name").asText());
        assertEquals(2, document(replaced).get("version").asInt());
        assertEquals("second", document(twice).get("name").asText());
        assertEquals(2, document(twice).get("version").asInt());
        ApiClient.get(invalid).then().statusCode(404);
        ApiClient.get(type + "-overlong").then().statusCode(404);
    }

    @Test
    void batchItemsWhoseResultIsOverTheDocumentCapAre413AndStoreNothing() {
        String small = Fixtures.uniqueId("cap-bsmall");
        String big = Fixtures.uniqueId("cap-bbig");
        String items = "[{\"id\":\"" + big + "\",\"document\":" + DocumentCapAssertions.inflating(big) + "},"
                + "{\"id\":\"" + small + "\",\"document\":" + DocumentCapAssertions.minimal(small) + "}]";
        JsonPath atomic = bulk().contentType(ContentType.JSON)
                .body("{\"atomic\":true,\"items\":" + items + "}")
                .post(BATCH_PUT)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of(413, 424), atomic.getList("items.status"));
        DocumentCapAssertions.assertTooLarge(atomic, "items[0].error.", big);
        assertEquals("urn:aicon:problem:not-applied", atomic.getString("items[1].error.type"));
        ApiClient.get(big).then().statusCode(404);
        ApiClient.get(small).then().statusCode(404);

        JsonPath oneByOne = bulk().contentType(ContentType.JSON)
                .body("{\"atomic\":false,\"items\":" + items + "}")
                .post(BATCH_PUT)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of(413, 201), oneByOne.getList("items.status"));
        DocumentCapAssertions.assertTooLarge(oneByOne, "items[0].error.", big);
        ApiClient.get(big).then().statusCode(404);
        assertEquals(1, document(small).get("version").asInt());
    }

    @Test
    void anImportLineWhoseResultIsOverTheDocumentCapFailsAloneWith413() {
        String big = Fixtures.uniqueId("cap-ibig");
        String replaced = Fixtures.uniqueId("cap-ireplaced");
        String fresh = Fixtures.uniqueId("cap-ifresh");
        create(replaced);
        String body = String.join(
                "\n",
                DocumentCapAssertions.minimal(fresh).toString(),
                DocumentCapAssertions.inflating(replaced),
                DocumentCapAssertions.inflating(big));
        String before = snapshot(replaced);
        JsonPath answer = importNdjson(body.getBytes(StandardCharsets.UTF_8))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(1, answer.getInt("imported"));
        assertEquals(List.of(2, 3), answer.getList("errors.line"));
        DocumentCapAssertions.assertTooLarge(answer, "errors[0].error.", replaced);
        DocumentCapAssertions.assertTooLarge(answer, "errors[1].error.", big);
        assertUnchanged(replaced, before);
        ApiClient.get(big).then().statusCode(404);
        assertEquals(1, document(fresh).get("version").asInt());
    }

    @Test
    void anImportListsTheFirst100FailedLinesAndCountsThemAll() {
        String body = "not json\n".repeat(150);
        JsonPath answer = importNdjson(body.getBytes(StandardCharsets.UTF_8))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(0, answer.getInt("imported"));
        assertEquals(150, answer.getInt("failed"));
        assertEquals(IntStream.rangeClosed(1, 100).boxed().toList(), answer.getList("errors.line"));
    }

    @Test
    void anImportIsNdjsonOnly() {
        bulk().contentType(ContentType.JSON)
                .body("{}")
                .post(IMPORT)
                .then()
                .statusCode(415)
                .contentType(PROBLEM);
    }

    @Test
    void documentPathsStillRouteBesideTheBulkOnes() {
        String id = Fixtures.uniqueId("routes");
        create(id);
        ApiClient.get(id).then().statusCode(200).body("id", equalTo(id));
        given().get("/v1/aicons").then().statusCode(200);
        // An unknown bulk verb is a path no permission covers: denied before any resource is looked for.
        bulk().get("/v1/aicons:nothing").then().statusCode(403);
        batchGet(id).then().statusCode(200).body("items.id", hasItems(id));
    }

    /** Requests to the bulk paths keep their ':' as clients send it (REST Assured would send %3A otherwise). */
    @Test
    void theJsonBulkEndpointsAreInTheOpenApiDocument() {
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/v1/aicons:batchGet"))
                .body(containsString("/v1/aicons:batchPut"))
                .body(containsString("/v1/aicons:export"));
    }

    static RequestSpecification bulk() {
        return given().urlEncodingEnabled(false);
    }

    static io.restassured.response.Response batchGet(String... ids) {
        ObjectNode body = Fixtures.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("ids");
        for (String id : ids) {
            list.add(id);
        }
        return bulk().contentType(ContentType.JSON).body(body.toString()).post(BATCH_GET);
    }

    static io.restassured.response.Response batchPut(boolean atomic, ArrayNode items) {
        ObjectNode body = Fixtures.MAPPER.createObjectNode().put("atomic", atomic);
        body.set("items", items);
        return bulk().contentType(ContentType.JSON).body(body.toString()).post(BATCH_PUT);
    }

    static io.restassured.response.Response importNdjson(byte[] body) {
        return bulk().contentType("application/x-ndjson").body(body).post(IMPORT);
    }

    static ObjectNode item(String id, ObjectNode document, Long expectedVersion) {
        ObjectNode item = Fixtures.MAPPER.createObjectNode().put("id", id);
        item.set("document", document);
        if (expectedVersion != null) {
            item.put("expected_version", expectedVersion);
        }
        return item;
    }

    static List<JsonNode> lines(byte[] ndjson) {
        return new String(ndjson, StandardCharsets.UTF_8)
                .lines()
                .filter(line -> !line.isEmpty())
                .map(line -> (JsonNode) Fixtures.json(line))
                .toList();
    }

    /** The SDK fixture with a categorical value outside its categories. */
    private static ObjectNode invalidDocument(String id) {
        ObjectNode document = Fixtures.sdkDocument(id);
        ((ObjectNode) document.at("/state_factors/channel")).put("value", "radio");
        return document;
    }
}

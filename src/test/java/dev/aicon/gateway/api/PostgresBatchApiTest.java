package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.PostgresProfile;
import dev.aicon.gateway.support.TestCredential;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class PostgresBatchApiTest extends BatchApiContract {

    /**
     * 10,000 AIcons of one type, created by atomic batchPuts of 500, exported, deleted one by one through the API,
     * imported from the export and exported again: every line equal but for the server's version and time.
     */
    @Test
    void exportThenImportOf10000AIconsLeavesTheDataEqual() throws InterruptedException {
        String type = Fixtures.uniqueId("bulk");
        long started = System.nanoTime();
        for (int batch = 0; batch < 20; batch++) {
            ArrayNode items = Fixtures.MAPPER.createArrayNode();
            for (int i = batch * 500; i < (batch + 1) * 500; i++) {
                String id = type + "-" + String.format("%05d", i);
                ObjectNode document =
                        Fixtures.sdkDocument(id).put("aicon_type", type).put("name", "AIcon " + i);
                ((ObjectNode) document.at("/state_factors/market_size")).put("value", 1000.0 + i);
                items.add(item(id, document, 0L));
            }
            batchPut(true, items)
                    .then()
                    .statusCode(200)
                    .body("items.findAll { it.status == 201 }.size()", equalTo(500));
        }
        long created = System.nanoTime();
        byte[] exported = exportOf(type);
        List<JsonNode> before = lines(exported);
        assertEquals(10_000, before.size());
        long firstExport = System.nanoTime();
        deleteAll(before.stream().map(line -> line.get("id").asText()).toList());
        assertEquals(0, lines(exportOf(type)).size());
        long deleted = System.nanoTime();
        importNdjson(exported)
                .then()
                .statusCode(200)
                .body("imported", equalTo(10_000))
                .body("failed", equalTo(0));
        long imported = System.nanoTime();
        List<JsonNode> after = lines(exportOf(type));
        long secondExport = System.nanoTime();
        assertEquals(10_000, after.size());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(withoutServerVersion(before.get(i)), withoutServerVersion(after.get(i)), "line " + (i + 1));
        }
        System.out.printf(
                "10,000 AIcons (%d MB of NDJSON): create by batchPut %d ms, export %d ms, delete %d ms, "
                        + "import %d ms, export %d ms%n",
                exported.length / 1_000_000,
                millis(started, created),
                millis(created, firstExport),
                millis(firstExport, deleted),
                millis(deleted, imported),
                millis(imported, secondExport));
    }

    private static byte[] exportOf(String type) {
        return bulk().queryParam("aicon_type", type)
                .get(BatchApiContract.EXPORT)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
    }

    /** Deletes through the API, 16 at a time. */
    private static void deleteAll(List<String> ids) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<HttpResponse<Void>>> deletes = new ArrayList<>();
        for (String id : ids) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(ApiClient.baseUri() + "/v1/aicons/" + id))
                    .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                    .DELETE()
                    .build();
            deletes.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> inFlight.release()));
        }
        for (CompletableFuture<HttpResponse<Void>> delete : deletes) {
            assertEquals(204, delete.join().statusCode());
        }
    }

    private static JsonNode withoutServerVersion(JsonNode line) {
        ObjectNode copy = (ObjectNode) line.deepCopy();
        copy.remove(List.of("version", "updated_at"));
        return copy;
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}

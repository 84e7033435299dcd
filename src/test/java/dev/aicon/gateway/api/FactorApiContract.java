package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.aicon.gateway.api.ApiClient.PROBLEM;
import static dev.aicon.gateway.api.ApiClient.assertUnchanged;
import static dev.aicon.gateway.api.ApiClient.create;
import static dev.aicon.gateway.api.ApiClient.document;
import static dev.aicon.gateway.api.ApiClient.json;
import static dev.aicon.gateway.api.ApiClient.snapshot;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Single-factor endpoints and recorded updates. */
abstract class FactorApiContract {

    private static final String FACTOR = "/v1/aicons/{id}/factors/{name}";

    @Test
    void aFactorIsReadWithTheAIconVersionAsETag() {
        String id = Fixtures.uniqueId("factor-get");
        ObjectNode sent = create(id);
        String body = given().get(FACTOR, id, "channel")
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .extract()
                .asString();
        assertEquals(sent.at("/state_factors/channel"), Fixtures.json(body));
        given().header("If-None-Match", "\"1\"")
                .get(FACTOR, id, "channel")
                .then()
                .statusCode(304);
        given().get(FACTOR, id, "nope").then().statusCode(404).contentType(PROBLEM);
        given().get(FACTOR, "no-such-aicon", "channel").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aFactorPutCreatesOrReplacesOneFactorAndBumpsTheVersion() {
        String id = Fixtures.uniqueId("factor-put");
        ObjectNode sent = create(id);
        json().body("{\"type\":\"continuous\",\"value\":0.5,\"constraints\":{\"lower\":0,\"upper\":1}}")
                .put(FACTOR, id, "budget_share")
                .then()
                .statusCode(201)
                .header("ETag", "\"2\"")
                .body("value", equalTo(0.5f));
        json().header("If-Match", "\"2\"")
                .body("{\"type\":\"discrete\",\"distribution\":\"poisson\"," + "\"params\":{\"rate\":3.0},\"value\":3}")
                .put(FACTOR, id, "daily_clicks")
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"");
        ObjectNode stored = document(id);
        assertEquals(3, stored.get("version").asInt());
        assertEquals(0.5, stored.at("/state_factors/budget_share/value").asDouble());
        assertEquals(3, stored.at("/state_factors/daily_clicks/value").asInt());
        assertEquals(sent.at("/state_factors/channel"), stored.at("/state_factors/channel"));
        assertEquals(sent.get("sensors"), stored.get("sensors"));
    }

    @Test
    void anInvalidFactorIsRefusedAndNothingChanges() {
        String id = Fixtures.uniqueId("factor-bad");
        create(id);
        String before = snapshot(id);
        json().body("{\"type\":\"categorical\",\"categories\":[\"a\",\"a\"],\"value\":\"b\"}")
                .put(FACTOR, id, "channel")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItem("state_factors.channel.categories[1]"))
                .body("errors.field", hasItem("state_factors.channel.value"));
        json().body("{\"type\":\"continuous\",\"value\":1,\"relationships\":{\"depends_on\":[\"daily_clicks\"]}}")
                .put(FACTOR, id, "market_size")
                .then()
                .statusCode(400)
                .body("errors.message", hasItem(org.hamcrest.Matchers.startsWith("dependency cycle")));
        json().body("{\"type\":\"continuous\",\"value\":1}")
                .put(FACTOR, id, "bad..name")
                .then()
                .statusCode(400);
        json().body("[]").put(FACTOR, id, "x").then().statusCode(400);
        json().header("If-Match", "\"9\"")
                .body("{\"type\":\"continuous\",\"value\":1}")
                .put(FACTOR, id, "x")
                .then()
                .statusCode(412);
        json().body("{\"type\":\"continuous\",\"value\":1}")
                .put(FACTOR, "no-such-aicon", "x")
                .then()
                .statusCode(404);
        assertUnchanged(id, before);
    }

    @Test
    void deletingAFactorOthersDependOnIs409() {
        String id = Fixtures.uniqueId("factor-in-use");
        create(id);
        String before = snapshot(id);
        given().delete(FACTOR, id, "market_size")
                .then()
                .statusCode(409)
                .contentType(PROBLEM)
                .body("detail", org.hamcrest.Matchers.containsString("channel"));
        assertUnchanged(id, before);
        given().delete(FACTOR, id, "daily_clicks").then().statusCode(204).header("ETag", "\"2\"");
        given().delete(FACTOR, id, "daily_clicks").then().statusCode(404).contentType(PROBLEM);
        assertFalse(document(id).get("state_factors").has("daily_clicks"));
    }

    @Test
    void anUpdateIsAppendedToRunStats() {
        String id = Fixtures.uniqueId("updates");
        create(id);
        json().body("{\"source\":\"sensor:clicks\",\"success\":true,\"metadata\":{\"n\":7}}")
                .post("/v1/aicons/{id}/updates", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        ObjectNode stored = document(id);
        var updates = stored.at("/run_stats/updates");
        assertEquals(2, updates.size());
        assertEquals("sensor:clicks", updates.get(1).get("source").asText());
        assertEquals(7, updates.get(1).at("/metadata/n").asInt());
        assertEquals(updates.get(1).get("time"), stored.at("/run_stats/last_update_time"));
        assertEquals(4, stored.at("/run_stats/iterations").asInt(), "the client's count goes on by one");
        assertEquals(
                "2026-11-26T20:58:31.882667",
                stored.at("/run_stats/start_time").asText(),
                "a start_time already set is kept");
    }

    @Test
    void updatesDoToRunStatsWhatTheSdksRecordUpdateDoes() {
        String id = Fixtures.uniqueId("record-update");
        ObjectNode document = Fixtures.sdkDocument(id);
        document.putObject("run_stats")
                .putNull("iterations")
                .putNull("start_time")
                .put("custom", "kept");
        ApiClient.put(id, document).then().statusCode(201);
        int n = 3;
        for (int i = 0; i < n; i++) {
            json().body("{\"source\":\"sensor:" + i + "\",\"success\":" + (i % 2 == 0) + ",\"metadata\":{\"i\":" + i
                            + "}}")
                    .post("/v1/aicons/{id}/updates", id)
                    .then()
                    .statusCode(200)
                    .header("ETag", "\"" + (i + 2) + "\"");
        }
        ObjectNode runStats = (ObjectNode) document(id).get("run_stats");
        assertEquals(n, runStats.get("iterations").asInt());
        var updates = runStats.get("updates");
        assertEquals(n, updates.size());
        for (int i = 0; i < n; i++) {
            assertEquals(List.of("time", "source", "success", "metadata"), fieldNames(updates.get(i)));
            assertEquals("sensor:" + i, updates.get(i).get("source").asText());
            assertEquals(i % 2 == 0, updates.get(i).get("success").asBoolean());
            assertEquals(i, updates.get(i).at("/metadata/i").asInt());
        }
        assertEquals(updates.get(0).get("time"), runStats.get("start_time"), "start_time is set once, by the first");
        assertEquals(updates.get(n - 1).get("time"), runStats.get("last_update_time"));
        assertTrue(updates.get(0).get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"));
        assertEquals("kept", runStats.get("custom").asText());
    }

    @Test
    void anUpdateOnACountThatIsNotAnIntegerIsRefusedAndNothingChanges() {
        String id = Fixtures.uniqueId("bad-iterations");
        ObjectNode document = Fixtures.sdkDocument(id);
        ((ObjectNode) document.get("run_stats")).put("iterations", "three");
        ApiClient.put(id, document).then().statusCode(201);
        String before = snapshot(id);
        json().body("{\"source\":\"s\",\"success\":true}")
                .post("/v1/aicons/{id}/updates", id)
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItem("run_stats.iterations"));
        assertUnchanged(id, before);
    }

    @Test
    void aFactorPutPastTheDocumentCapIs413AndStoresNothing() {
        String id = Fixtures.uniqueId("cap-factor");
        ApiClient.put(id, DocumentCapAssertions.document(id, DocumentCapAssertions.CAP - 300_000))
                .then()
                .statusCode(201);
        String before = snapshot(id);
        DocumentCapAssertions.assertTooLarge(
                json().body("{\"type\":\"continuous\",\"value\":1.0,\"description\":\"" + "d".repeat(400_000) + "\"}")
                        .put(FACTOR, id, "big")
                        .then()
                        .statusCode(413)
                        .contentType(PROBLEM)
                        .extract()
                        .jsonPath(),
                "",
                id);
        assertUnchanged(id, before);
        json().body("{\"type\":\"continuous\",\"value\":1.0}")
                .put(FACTOR, id, "small")
                .then()
                .statusCode(201)
                .header("ETag", "\"2\"");
    }

    @Test
    void recordedUpdatesStopAtTheDocumentCapAndTheRefusedOneStoresNothing() {
        String id = Fixtures.uniqueId("cap-updates");
        ApiClient.put(
                        id,
                        DocumentCapAssertions.document(
                                id, DocumentCapAssertions.CAP - DocumentCapAssertions.SERVER_FIELDS - 2_000))
                .then()
                .statusCode(201);
        String update = "{\"source\":\"sensor\",\"success\":true,\"metadata\":{\"note\":\"" + "z".repeat(400) + "\"}}";
        int accepted = 0;
        io.restassured.path.json.JsonPath refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            String before = snapshot(id);
            io.restassured.response.Response answer = json().body(update).post("/v1/aicons/{id}/updates", id);
            if (answer.statusCode() == 413) {
                refused = answer.then().contentType(PROBLEM).extract().jsonPath();
                assertUnchanged(id, before);
            } else {
                answer.then().statusCode(200);
                accepted++;
            }
        }
        assertTrue(refused != null, "an update past the cap is refused");
        DocumentCapAssertions.assertTooLarge(refused, "", id);
        assertTrue(accepted >= 1, "updates within the cap are accepted");
        ObjectNode stored = document(id);
        assertEquals(1 + accepted, stored.get("version").asInt());
        assertEquals(accepted, stored.at("/run_stats/updates").size());
        assertTrue(stored.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                <= DocumentCapAssertions.CAP);
    }

    private static List<String> fieldNames(com.fasterxml.jackson.databind.JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aBadUpdateIsRefusedAndNothingChanges() {
        String id = Fixtures.uniqueId("bad-update");
        create(id);
        String before = snapshot(id);
        List<String> fields = new ArrayList<>();
        json().body("{\"source\":7,\"metadata\":[]}")
                .post("/v1/aicons/{id}/updates", id)
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .extract()
                .jsonPath()
                .getList("errors.field", String.class)
                .forEach(fields::add);
        assertEquals(List.of("source", "success", "metadata"), fields);
        assertUnchanged(id, before);
    }
}

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

/** Single-factor endpoints and recorded updates. */
abstract class FactorApiContract {

    private static final String FACTOR = "/v1/aicons/{id}/factors/{name}";

    @Test
    void aFactorIsReadWithTheAIconVersionAsETag() {
        String id = Fixtures.uniqueId("factor-get");
        ObjectNode sent = create(id);
        String body = given().get(FACTOR, id, "channel").then().statusCode(200).header("ETag", "\"1\"")
                .extract().asString();
        assertEquals(sent.at("/state_factors/channel"), Fixtures.json(body));
        given().header("If-None-Match", "\"1\"").get(FACTOR, id, "channel").then().statusCode(304);
        given().get(FACTOR, id, "nope").then().statusCode(404).contentType(PROBLEM);
        given().get(FACTOR, "no-such-aicon", "channel").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aFactorPutCreatesOrReplacesOneFactorAndBumpsTheVersion() {
        String id = Fixtures.uniqueId("factor-put");
        ObjectNode sent = create(id);
        json().body("{\"type\":\"continuous\",\"value\":0.5,\"constraints\":{\"lower\":0,\"upper\":1}}")
                .put(FACTOR, id, "budget_share").then().statusCode(201).header("ETag", "\"2\"")
                .body("value", equalTo(0.5f));
        json().header("If-Match", "\"2\"").body("{\"type\":\"discrete\",\"distribution\":\"poisson\","
                + "\"params\":{\"rate\":3.0},\"value\":3}").put(FACTOR, id, "daily_clicks").then().statusCode(200)
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
                .put(FACTOR, id, "channel").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("state_factors.channel.categories[1]"))
                .body("errors.field", hasItem("state_factors.channel.value"));
        json().body("{\"type\":\"continuous\",\"value\":1,\"relationships\":{\"depends_on\":[\"daily_clicks\"]}}")
                .put(FACTOR, id, "market_size").then().statusCode(400)
                .body("errors.message", hasItem(org.hamcrest.Matchers.startsWith("dependency cycle")));
        json().body("{\"type\":\"continuous\",\"value\":1}").put(FACTOR, id, "bad..name").then().statusCode(400);
        json().body("[]").put(FACTOR, id, "x").then().statusCode(400);
        json().header("If-Match", "\"9\"").body("{\"type\":\"continuous\",\"value\":1}").put(FACTOR, id, "x")
                .then().statusCode(412);
        json().body("{\"type\":\"continuous\",\"value\":1}").put(FACTOR, "no-such-aicon", "x").then()
                .statusCode(404);
        assertUnchanged(id, before);
    }

    @Test
    void deletingAFactorOthersDependOnIs409() {
        String id = Fixtures.uniqueId("factor-in-use");
        create(id);
        String before = snapshot(id);
        given().delete(FACTOR, id, "market_size").then().statusCode(409).contentType(PROBLEM)
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
                .post("/v1/aicons/{id}/updates", id).then().statusCode(200).header("ETag", "\"2\"");
        ObjectNode stored = document(id);
        var updates = stored.at("/run_stats/updates");
        assertEquals(2, updates.size());
        assertEquals("sensor:clicks", updates.get(1).get("source").asText());
        assertEquals(7, updates.get(1).at("/metadata/n").asInt());
        assertEquals(updates.get(1).get("time"), stored.at("/run_stats/last_update_time"));
        assertEquals(3, stored.at("/run_stats/iterations").asInt());
    }

    @Test
    void aBadUpdateIsRefusedAndNothingChanges() {
        String id = Fixtures.uniqueId("bad-update");
        create(id);
        String before = snapshot(id);
        List<String> fields = new ArrayList<>();
        json().body("{\"source\":7,\"metadata\":[]}").post("/v1/aicons/{id}/updates", id).then().statusCode(400)
                .contentType(PROBLEM).extract().jsonPath().getList("errors.field", String.class).forEach(fields::add);
        assertEquals(List.of("source", "success", "metadata"), fields);
        assertUnchanged(id, before);
    }
}

package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.TestCredential;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static dev.aicon.gateway.api.ApiClient.PROBLEM;
import static dev.aicon.gateway.api.ApiClient.assertUnchanged;
import static dev.aicon.gateway.api.ApiClient.create;
import static dev.aicon.gateway.api.ApiClient.json;
import static dev.aicon.gateway.api.ApiClient.snapshot;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile and broken input: every request gets a precise 4xx problem and the stored AIcon stays as it was. */
abstract class BadInputContract {

    private String id;
    private String before;

    @BeforeEach
    void storeAnAIcon() {
        id = Fixtures.uniqueId("target");
        create(id);
        before = snapshot(id);
    }

    private ValidatableResponse putRaw(String body) {
        return json().body(body).put("/v1/aicons/{id}", id).then().contentType(PROBLEM);
    }

    private ValidatableResponse putDocument(ObjectNode document) {
        return putRaw(document.toString());
    }

    @Test
    void malformedJsonIs400WithItsPosition() {
        putRaw("{\"name\": ").statusCode(400).body("detail", containsString("malformed JSON"));
        putRaw("{\"name\": \"a\"} trailing").statusCode(400);
        putRaw("{\"name\": \"a\", \"name\": \"b\"}").statusCode(400).body("detail", containsString("name"));
        putRaw("[1, 2, 3]").statusCode(400).body("detail", containsString("JSON object"));
        json().put("/v1/aicons/{id}", id).then().statusCode(400).contentType(PROBLEM);
        assertUnchanged(id, before);
    }

    @Test
    void nanAndInfinityAreRefused() {
        putRaw("{\"name\":\"a\",\"aicon_type\":\"t\",\"x\":NaN}").statusCode(400);
        putRaw("{\"name\":\"a\",\"aicon_type\":\"t\",\"x\":Infinity}").statusCode(400);
        putRaw("{\"name\":\"a\",\"aicon_type\":\"t\",\"x\":-Infinity}").statusCode(400);
        String overflow =
                Fixtures.sdkDocument(id).toString().replace("10000.0,\"constraints\"", "1e999,\"constraints\"");
        assertTrue(overflow.contains("1e999"));
        putRaw(overflow).statusCode(400).body("errors.field", hasItem("state_factors.market_size.value"));
        assertUnchanged(id, before);
    }

    @Test
    void wrongTypesAreEachNamed() {
        ObjectNode document = Fixtures.sdkDocument(id);
        document.put("name", 5).put("capabilities", "ads");
        ((ObjectNode) document.at("/state_factors/market_size")).put("value", "big");
        ((ObjectNode) document.at("/state_factors/daily_clicks")).put("value", 4.5);
        ((ObjectNode) document.at("/state_factors/conversion_rate")).put("type", "fuzzy");
        putDocument(document)
                .statusCode(400)
                .body("aicon_id", equalTo(id))
                .body(
                        "errors.field",
                        hasItems(
                                "name",
                                "capabilities",
                                "state_factors.market_size.value",
                                "state_factors.daily_clicks.value",
                                "state_factors.conversion_rate.type"));
        assertUnchanged(id, before);
    }

    @Test
    void missingFieldsAreEachNamed() {
        ObjectNode document = Fixtures.sdkDocument(id);
        document.remove("name");
        document.remove("aicon_type");
        ((ObjectNode) document.at("/state_factors/market_size")).remove("value");
        ((ObjectNode) document.at("/state_factors/channel")).remove("type");
        putDocument(document)
                .statusCode(400)
                .body(
                        "errors.field",
                        hasItems(
                                "name", "aicon_type", "state_factors.market_size.value", "state_factors.channel.type"));
        assertUnchanged(id, before);
    }

    @Test
    void ruleBreakingValuesAreEachNamed() {
        ObjectNode document = Fixtures.sdkDocument(id);
        ((ObjectNode) document.at("/state_factors/market_size/params")).put("scale", 0);
        ((ObjectNode) document.at("/state_factors/market_size")).put("value", -1.0);
        ((ObjectNode) document.at("/state_factors/channel/params"))
                .putArray("probs")
                .add(0.9)
                .add(0.3)
                .add(0.2);
        ((ObjectNode) document.at("/state_factors/ad_slots")).put("value", 9);
        ((ObjectNode) document.at("/state_factors/daily_clicks/params")).put("rate", -2.0);
        putDocument(document)
                .statusCode(400)
                .body(
                        "errors.field",
                        hasItems(
                                "state_factors.market_size.params.scale",
                                "state_factors.market_size.value",
                                "state_factors.channel.params.probs",
                                "state_factors.ad_slots.value",
                                "state_factors.daily_clicks.params.rate"));
        assertUnchanged(id, before);
    }

    @Test
    void aDependencyCycleOrUnknownReferenceIsRefused() {
        ObjectNode cycle = Fixtures.sdkDocument(id);
        ((ObjectNode) cycle.at("/state_factors/market_size/relationships"))
                .putArray("depends_on")
                .add("daily_clicks");
        putDocument(cycle).statusCode(400).body("errors.message", hasItem(containsString("dependency cycle")));
        ObjectNode unknown = Fixtures.sdkDocument(id);
        ((ObjectNode) unknown.at("/state_factors/market_size/relationships"))
                .putArray("depends_on")
                .add("ghost");
        putDocument(unknown).statusCode(400).body("errors.message", hasItem(containsString("ghost")));
        assertUnchanged(id, before);
    }

    @Test
    void thousandsOfFactorsAreRefused() {
        ObjectNode document = Fixtures.sdkDocument(id);
        ObjectNode factors = document.putObject("state_factors");
        for (int i = 0; i < 3000; i++) {
            factors.putObject("f" + i).put("type", "continuous").put("value", i);
        }
        putDocument(document)
                .statusCode(400)
                .body("errors.field", hasItem("state_factors"))
                .body("errors.message", hasItem(containsString("at most 1024")));
        assertUnchanged(id, before);
    }

    @Test
    void hostileNestingIsRefused() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        putRaw("{\"name\":\"a\",\"aicon_type\":\"t\",\"x\":" + deep + "}").statusCode(400);
        assertUnchanged(id, before);
    }

    /** Only the SDK upload is exempt from the document body limit, not any route a multipart body is sent to. */
    @Test
    void anOversizedMultipartBodyWithItsLengthDeclaredOnADocumentRouteIs413() throws Exception {
        byte[] body = ("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.json\"\r\n\r\n"
                        + "x".repeat(3 * 1024 * 1024) + "\r\n--b--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest multipart = HttpRequest.newBuilder(URI.create(ApiClient.baseUri() + "/v1/aicons/" + id))
                .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                .header("Content-Type", "multipart/form-data; boundary=b")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> answer = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(multipart, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, answer.statusCode());
        assertTrue(answer.body().contains("aicon.document.max-bytes"), answer.body());
        assertUnchanged(id, before);
    }

    @Test
    void anOversizedBodyIs413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        String padding = "x".repeat(3 * 1024 * 1024);
        String oversized = Fixtures.sdkDocument(id).put("padding", padding).toString();
        putRaw(oversized).statusCode(413).body("detail", containsString("aicon.document.max-bytes"));

        HttpRequest chunked = HttpRequest.newBuilder(URI.create(ApiClient.baseUri() + "/v1/aicons/" + id))
                .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(oversized.getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> answer = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(chunked, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, answer.statusCode());
        assertEquals(PROBLEM, answer.headers().firstValue("Content-Type").orElse(""));
        assertUnchanged(id, before);
    }

    @Test
    void idsThatCouldEscapeAreRefused() {
        String document = Fixtures.sdkDocument("x").toString();
        json().body(document)
                .put("/v1/aicons/{id}", "a/b")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        json().body(document)
                .put("/v1/aicons/{id}", "a..b")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        // A bare ".." is a dot-segment: the path normalizes to /v1, which no permission covers (deny by default).
        json().body(document)
                .put("/v1/aicons/{id}", "..")
                .then()
                .statusCode(403)
                .contentType(PROBLEM);
        json().body(document)
                .put("/v1/aicons/{id}", "x".repeat(129))
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        given().urlEncodingEnabled(false)
                .contentType("application/json")
                .body(document)
                .put("/v1/aicons/..%2F..%2Fetc")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        ObjectNode mismatched = Fixtures.sdkDocument("other-id");
        putDocument(mismatched).statusCode(400).body("errors.field", hasItem("id"));
        assertUnchanged(id, before);
    }

    @Test
    void aWrongContentTypeIs415() {
        given().contentType("text/plain")
                .body(Fixtures.sdkDocument(id).toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(415)
                .contentType(PROBLEM);
        given().contentType("application/xml")
                .body("<a/>")
                .post("/v1/aicons")
                .then()
                .statusCode(415)
                .contentType(PROBLEM);
        assertUnchanged(id, before);
    }

    /** Random letters from a wide alphabet: {@code bytes} bytes of UTF-8 that do not compress. */
    private static String randomText(int bytes) {
        java.util.Random random = new java.util.Random(bytes);
        StringBuilder text = new StringBuilder();
        while (text.toString().getBytes(StandardCharsets.UTF_8).length + 2 <= bytes) {
            text.append((char) (0x100 + random.nextInt(0x500)));
        }
        while (text.toString().getBytes(StandardCharsets.UTF_8).length < bytes) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static int journalDepth() {
        return given().get("/v1/admin/journal").then().statusCode(200).extract().path("depth");
    }

    /** Text no store can hold is refused up front, each field named; nothing is journaled, the breaker stays closed. */
    @Test
    void unstorableTextIsRefusedUpFrontWithoutJournalOrBreaker() {
        for (int round = 0; round < 3; round++) { // 18 refusals: more than the breaker's request volume threshold
            putDocument(Fixtures.sdkDocument(id).put("name", "nul\u0000inside"))
                    .statusCode(400)
                    .body("type", containsString("invalid-document"))
                    .body("errors.field", hasItem("name"))
                    .body("errors.message", hasItem(containsString("NUL")));
            ObjectNode nulKey = Fixtures.sdkDocument(id);
            ((ObjectNode) nulKey.get("run_stats")).put("bad\u0000key", 1);
            putDocument(nulKey).statusCode(400).body("errors.field", hasItem("run_stats.bad\\u0000key"));
            putDocument(Fixtures.sdkDocument(id).put("aicon_type", randomText(1025)))
                    .statusCode(400)
                    .body("errors.field", hasItem("aicon_type"))
                    .body("errors.message", hasItem(containsString("1024")));
            putDocument(Fixtures.sdkDocument(id).put("name", randomText(3000)))
                    .statusCode(400)
                    .body("errors.field", hasItem("name"));
            putRaw(Fixtures.sdkDocument(id).toString().replace("\"name\":\"", "\"name\":\"\\ud800"))
                    .statusCode(400)
                    .body("errors.field", hasItem("name"))
                    .body("errors.message", hasItem(containsString("surrogate")));
            given().contentType("application/merge-patch+json")
                    .body("{\"name\":\"n\\u0000\"}")
                    .patch("/v1/aicons/{id}", id)
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM)
                    .body("errors.field", hasItem("name"));
        }
        json().body("{\"type\":\"categorical\",\"params\":{\"probs\":[1.0]},\"categories\":[\"a\\u0000\"],"
                        + "\"value\":\"a\\u0000\"}")
                .put("/v1/aicons/{id}/factors/{name}", id, "channel")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItem("state_factors.channel.value"));
        String fresh = Fixtures.uniqueId("never");
        json().body(Fixtures.sdkDocument(fresh).put("name", "x\u0000").toString())
                .put("/v1/aicons/{id}", fresh)
                .then()
                .statusCode(400);
        given().get("/v1/aicons/{id}", fresh).then().statusCode(404);
        assertUnchanged(id, before);
        assertEquals(0, journalDepth(), "nothing refused is journaled");
        assertEquals(CircuitBreakerState.CLOSED, CircuitBreakerMaintenance.get().currentState("store"));
        json().body(Fixtures.sdkDocument(id).put("name", "fine again").toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(200)
                .header("AIcon-Degraded", nullValue());
    }

    /** The longest name and aicon_type allowed fit every store, PostgreSQL's btree index rows included. */
    @Test
    void nameAndTypeAtTheByteLimitAreStoredAndListed() {
        String name = randomText(1024);
        String type = randomText(1024);
        json().body(Fixtures.sdkDocument(id)
                        .put("name", name)
                        .put("aicon_type", type)
                        .toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(200)
                .header("AIcon-Degraded", nullValue());
        given().queryParam("aicon_type", type)
                .get("/v1/aicons")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));
        given().queryParam("name", name)
                .get("/v1/aicons")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));
    }

    /** Filters no stored AIcon could match never reach the store: 400 naming the parameter, breaker closed. */
    @Test
    void listFiltersNoStoreCanHoldAre400() {
        for (int i = 0; i < 6; i++) {
            given().queryParam("name", "a\u0000b")
                    .get("/v1/aicons")
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM)
                    .body("detail", containsString("name"));
            given().queryParam("aicon_type", randomText(1025))
                    .get("/v1/aicons")
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM)
                    .body("detail", containsString("aicon_type"));
        }
        given().urlEncodingEnabled(false)
                .queryParam("aicon_type", "%00")
                .get("/v1/aicons:export")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        assertEquals(CircuitBreakerState.CLOSED, CircuitBreakerMaintenance.get().currentState("store"));
        given().get("/v1/aicons").then().statusCode(200);
    }
}

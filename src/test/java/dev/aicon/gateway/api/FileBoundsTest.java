package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.aicon.gateway.domain.AIconValidator;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.TestCredential;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static dev.aicon.gateway.api.ApiClient.PROBLEM;
import static dev.aicon.gateway.api.ApiClient.assertUnchanged;
import static dev.aicon.gateway.api.ApiClient.create;
import static dev.aicon.gateway.api.ApiClient.json;
import static dev.aicon.gateway.api.ApiClient.snapshot;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile bodies are answered fast with a bounded problem, and nothing is stored. */
@QuarkusTest
class FileBoundsTest {

    private String id;
    private String before;

    @BeforeEach
    void storeAnAIcon() {
        id = Fixtures.uniqueId("bounds");
        create(id);
        before = snapshot(id);
    }

    private ValidatableResponse put(String body) {
        return json().body(body).put("/v1/aicons/{id}", id).then().contentType(PROBLEM);
    }

    @Test
    void threeThousandEqualCategoriesAreOne400Fast() {
        ArrayNode categories = Fixtures.MAPPER.createArrayNode();
        for (int i = 0; i < 3000; i++) {
            categories.add("x");
        }
        put(Fixtures.categoricalDocument(categories).toString())
                .statusCode(400)
                .time(lessThan(2000L))
                .body("type", equalTo("urn:aicon:problem:invalid-document"))
                .body("errors", hasSize(1))
                .body("errors_total", equalTo(1))
                .body("errors[0].field", equalTo("state_factors.f.categories[1]"))
                .body("errors[0].message", containsString("listed 3000 times"));
        assertUnchanged(id, before);
    }

    @Test
    void theErrorListIsTheFirstHundredWithTheTotal() {
        ArrayNode numbers = Fixtures.MAPPER.createArrayNode();
        for (int i = 0; i < 1500; i++) {
            numbers.add(i).add((double) i);
        }
        put(Fixtures.categoricalDocument(numbers).toString())
                .statusCode(400)
                .time(lessThan(2000L))
                .body("errors", hasSize(100))
                .body("errors_total", equalTo(1500))
                .body("detail", containsString("1500 field(s)"))
                .body("errors[99].field", equalTo("state_factors.f.categories[199]"));
        assertUnchanged(id, before);
    }

    /** Sent with the JDK client: REST Assured's own JSON handling is not made for hostile nesting. */
    private static HttpResponse<String> send(String path, String body) throws Exception {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(ApiClient.baseUri() + path))
                                .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void deepNestingIs400() throws Exception {
        int depth = AIconValidator.MAX_DEPTH + 1;
        HttpResponse<String> objects = send(
                "/v1/aicons/" + id,
                "{\"name\":\"a\",\"aicon_type\":\"t\",\"x\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)
                        + "}");
        assertEquals(400, objects.statusCode());
        assertTrue(objects.body().contains("nesting depth"), objects.body());
        HttpResponse<String> arrays = send(
                "/v1/aicons/" + id,
                "{\"name\":\"a\",\"aicon_type\":\"t\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        assertEquals(400, arrays.statusCode());
        assertUnchanged(id, before);
    }

    @Test
    void aFactorNestedPastTheDepthTheStoreReadsBackIs400() throws Exception {
        int depth = AIconValidator.MAX_DEPTH - 2;
        HttpResponse<String> answer = send(
                "/v1/aicons/" + id + "/factors/deep",
                "{\"type\":\"continuous\"," + "\"value\":1,\"x\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)
                        + "}");
        assertEquals(400, answer.statusCode());
        assertTrue(answer.body().contains("nests deeper than 1000"), answer.body());
        assertUnchanged(id, before);
    }

    @Test
    void moreTokensThanTheCapIs413() {
        StringBuilder body = new StringBuilder("{\"name\":\"a\",\"aicon_type\":\"t\",\"x\":[");
        for (int i = 0; i < 300_000; i++) {
            body.append(i == 0 ? "{}" : ",{}");
        }
        put(body.append("]}").toString())
                .statusCode(413)
                .time(lessThan(2000L))
                .body("type", equalTo("urn:aicon:problem:body-too-complex"))
                .body("detail", containsString("aicon.document.max-tokens"));
        assertUnchanged(id, before);
    }
}

package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.support.Fixtures;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** REST Assured shortcuts shared by the API test suites. */
final class ApiClient {

    static final String PROBLEM = "application/problem+json";

    private ApiClient() {}

    static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    static Response put(String id, Object body) {
        return json().body(body.toString()).put("/v1/aicons/{id}", id);
    }

    /** Stores the SDK fixture under {@code id} and returns it as sent. */
    static ObjectNode create(String id) {
        ObjectNode document = Fixtures.sdkDocument(id);
        put(id, document).then().statusCode(201);
        return document;
    }

    static Response get(String id) {
        return given().get("/v1/aicons/{id}", id);
    }

    static ObjectNode document(String id) {
        return Fixtures.json(get(id).then().statusCode(200).extract().asString());
    }

    /** The stored document and its ETag, to compare before and after a refused request. */
    static String snapshot(String id) {
        Response response = get(id);
        return response.statusCode() + " " + response.header("ETag") + " " + response.asString();
    }

    static void assertUnchanged(String id, String before) {
        assertEquals(before, snapshot(id), "stored state must be unchanged");
    }

    static String baseUri() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }
}

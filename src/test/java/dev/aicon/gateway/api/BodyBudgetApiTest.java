package dev.aicon.gateway.api;

import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.SmallBodiesProfile;
import dev.aicon.gateway.support.TestCredential;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.aicon.gateway.api.ApiClient.PROBLEM;
import static dev.aicon.gateway.api.ApiClient.json;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With room for one small body in flight ({@link SmallBodiesProfile}), a body that has not finished arriving holds
 * the room: the next one waits, then gets 503 {@code too-busy} with {@code Retry-After}; the room comes back when the
 * first is answered or its client goes away.
 */
@QuarkusTest
@TestProfile(SmallBodiesProfile.class)
class BodyBudgetApiTest {

    /** A body of 3,000 bytes is charged 615 KB: one fits in the 1 MiB budget, two do not. */
    private static String document(String id) {
        String base = Fixtures.sdkDocument(id).put("padding", "").toString();
        return Fixtures.sdkDocument(id)
                .put("padding", "p".repeat(3000 - base.length()))
                .toString();
    }

    private static Socket sendHalf(String id) throws Exception {
        URI base = URI.create(ApiClient.baseUri());
        byte[] body = document(id).getBytes(StandardCharsets.UTF_8);
        Socket socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("PUT /v1/aicons/" + id + " HTTP/1.1\r\nHost: localhost\r\n" + TestCredential.HEADER + ": "
                        + TestCredential.AUTHORIZATION + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, body.length / 2);
        out.flush();
        return socket;
    }

    private static void putWhenRoom(String id) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> json().body(document(id))
                        .put("/v1/aicons/{id}", id)
                        .then()
                        .statusCode(201));
    }

    /** Waits until a body is refused with 503 too-busy: the half-sent one holds the room. */
    private static void awaitTooBusy() {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> json().body(document("probe"))
                        .put("/v1/aicons/{id}", Fixtures.uniqueId("busy"))
                        .then()
                        .statusCode(503)
                        .contentType(PROBLEM)
                        .header("Retry-After", notNullValue())
                        .body("type", equalTo("urn:aicon:problem:too-busy"))
                        .body("detail", containsString("aicon.document.in-flight-max-bytes")));
    }

    @Test
    void aBodyPastTheBudgetWaitsThenGets503TooBusy() throws Exception {
        String held = Fixtures.uniqueId("held");
        try (Socket socket = sendHalf(held)) {
            awaitTooBusy();
            byte[] body = document(held).getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertTrue(status.endsWith("201"), status);
        }
        putWhenRoom(Fixtures.uniqueId("after"));
    }

    @Test
    void aClientThatGoesAwayGivesItsRoomBack() throws Exception {
        Socket socket = sendHalf(Fixtures.uniqueId("gone"));
        awaitTooBusy();
        socket.close();
        putWhenRoom(Fixtures.uniqueId("after-gone"));
    }
}

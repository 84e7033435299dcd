package dev.aicon.gateway.api;

import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.PostgresProfile;
import dev.aicon.gateway.support.PostgresServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import static dev.aicon.gateway.api.ApiClient.PROBLEM;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A PostgreSQL row that does not decode as an AIcon answers as a damaged file does. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class PostgresCorruptRowTest {

    @Test
    void aRowThatDoesNotDecodeAnswers500OnEveryPathUntilDeleted() throws SQLException {
        String id = Fixtures.uniqueId("pg-damaged");
        CorruptAnswers.createListable(id);
        damage(id);
        given().get("/v1/aicons/{id}", id)
                .then()
                .statusCode(500)
                .contentType(PROBLEM)
                .body("type", equalTo(CorruptAnswers.TYPE))
                .body("aicon_id", equalTo(id));
        CorruptAnswers.assertCorruptEverywhere(id, "postgresql://", true);
        CorruptAnswers.assertListedThenDeletedAndCreatedAgain(id, "postgresql://");
    }

    /** What no gateway write produces: attributes that are JSON but not an object. */
    private static void damage(String id) throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection connection = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE aicons SET attributes = '[\"not\", \"an\", \"object\"]' WHERE id = ?")) {
            update.setString(1, id);
            assertEquals(1, update.executeUpdate());
        }
    }
}

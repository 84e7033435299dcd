package dev.aicon.gateway.resilience;

import dev.aicon.gateway.support.FaultServices;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.PostgresServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Shortcuts for the outage tests. */
final class OutageSupport {

    private OutageSupport() {}

    static String create(String prefix) {
        String id = Fixtures.uniqueId(prefix);
        given().contentType(ContentType.JSON)
                .body(Fixtures.sdkDocument(id).toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(201);
        return id;
    }

    static Response putFactor(String id, String name, double value) {
        return given().contentType(ContentType.JSON)
                .body("{\"type\":\"continuous\",\"value\":" + value + "}")
                .put("/v1/aicons/{id}/factors/{name}", id, name);
    }

    /** The version PostgreSQL holds of the AIcon, read past the gateway; 0 when it holds none. */
    static long storedVersion(String id) throws SQLException {
        try (Connection db = DriverManager.getConnection(
                        FaultServices.postgres().jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
                Statement query = db.createStatement();
                ResultSet row = query.executeQuery("SELECT version FROM aicons WHERE id = '" + id + "'")) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    static CircuitBreakerState breaker(String name) {
        return CircuitBreakerMaintenance.get().currentState(name);
    }

    /** Polls {@code condition} every 100 ms for up to {@code limit}; fails with {@code what} if it never holds. */
    static void awaitTrue(String what, Duration limit, BooleanSupplier condition) {
        await(what).atMost(limit).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
    }
}

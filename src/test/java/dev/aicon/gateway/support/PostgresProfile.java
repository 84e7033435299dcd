package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** Runs a Quarkus test against the PostgreSQL store. */
public class PostgresProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresResource.class));
    }
}

package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** The gateway on PostgreSQL with the Redis cache tier on (both real, started for this profile). */
public class CachedPostgresProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FaultServices.class));
    }
}

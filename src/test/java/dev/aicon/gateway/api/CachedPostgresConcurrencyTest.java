package dev.aicon.gateway.api;

import dev.aicon.gateway.support.CachedPostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The same suite with the Redis cache tier on. */
@QuarkusTest
@TestProfile(CachedPostgresProfile.class)
class CachedPostgresConcurrencyTest extends ConcurrencyContract {}

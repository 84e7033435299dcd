package dev.aicon.gateway.security;

import dev.aicon.gateway.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Tenant isolation over HTTP on the PostgreSQL store, under row-level security as the runtime role. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class TenantIsolationPostgresTest extends TenantIsolationContract {}

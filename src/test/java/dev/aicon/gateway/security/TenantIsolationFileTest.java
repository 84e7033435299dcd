package dev.aicon.gateway.security;

import io.quarkus.test.junit.QuarkusTest;

/** Tenant isolation over HTTP on the file store (the {@code %test} default). */
@QuarkusTest
class TenantIsolationFileTest extends TenantIsolationContract {}

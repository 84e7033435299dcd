package dev.aicon.gateway.security;

import dev.aicon.gateway.support.MemoryStoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Tenant isolation over HTTP on the memory store. */
@QuarkusTest
@TestProfile(MemoryStoreProfile.class)
class TenantIsolationMemoryTest extends TenantIsolationContract {}

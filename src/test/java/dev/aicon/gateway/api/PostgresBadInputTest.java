package dev.aicon.gateway.api;

import dev.aicon.gateway.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class PostgresBadInputTest extends BadInputContract {}

package dev.aicon.gateway.controlplane;

import dev.aicon.gateway.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** The control-plane contract on PostgreSQL, through Hibernate Reactive Panache in a running gateway. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class PostgresControlPlaneTest extends ControlPlaneContract {

    @Inject
    ControlPlaneStore store;

    @Override
    protected ControlPlaneStore store() {
        return store;
    }
}

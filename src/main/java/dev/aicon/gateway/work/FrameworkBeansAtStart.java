package dev.aicon.gateway.work;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

/**
 * Creates at start the framework beans that would otherwise be created on first use, possibly on an event loop
 * that then waits for another thread holding their creation lock: Mutiny's context propagation asks the JTA
 * provider (present for Flyway's JDBC data source) for its lifecycle bean and Narayana's transaction manager
 * whenever a {@code Uni} captures its context, as the first scheduled job on an event loop does. One capture and
 * one call here, on the start-up thread, create them all.
 */
@ApplicationScoped
@Startup(ObserverMethod.DEFAULT_PRIORITY - 10)
class FrameworkBeansAtStart {

    FrameworkBeansAtStart(TransactionManager transactions) throws SystemException {
        transactions.getStatus();
        Infrastructure.decorate(() -> {});
    }
}

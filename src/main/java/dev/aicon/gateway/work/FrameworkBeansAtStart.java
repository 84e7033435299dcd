package dev.aicon.gateway.work;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

/**
 * Creates at start the framework beans that would otherwise be created on first use, possibly on an event loop
 * while another thread holds their creation lock: Narayana's transaction manager (present for Flyway's JDBC data
 * source) is asked for by Mutiny's context propagation whenever a {@code Uni} captures its context, as the first
 * scheduled job on an event loop does.
 */
@ApplicationScoped
@Startup(ObserverMethod.DEFAULT_PRIORITY - 10)
class FrameworkBeansAtStart {

    FrameworkBeansAtStart(TransactionManager transactions) throws SystemException {
        transactions.getStatus();
    }
}

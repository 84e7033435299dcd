package dev.aicon.gateway.service;

import dev.aicon.gateway.resilience.OutageRule;

/**
 * The service's test for an outage, the same rule the store breaker counts by ({@link OutageRule}): only an outage
 * sends a write to the journal or a read to a copy; every other failure is answered for what it is.
 */
final class OutageClassifier {

    private OutageClassifier() {}

    static boolean isOutage(Throwable failure) {
        return OutageRule.isOutage(failure);
    }
}

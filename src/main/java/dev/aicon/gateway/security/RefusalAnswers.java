package dev.aicon.gateway.security;

import dev.aicon.gateway.failure.FailureKind;
import io.vertx.ext.web.RoutingContext;

/**
 * How security answers a request it refuses: a problem of {@code kind} ({@link FailureKind#UNAUTHENTICATED} with
 * {@code WWW-Authenticate: Bearer}, {@link FailureKind#FORBIDDEN}, …) in the gateway's problem format. The api layer
 * implements it, so the 401/403 of Quarkus' security filters look like every other answer of the gateway.
 */
public interface RefusalAnswers {

    void refuse(RoutingContext context, FailureKind kind, String detail);
}

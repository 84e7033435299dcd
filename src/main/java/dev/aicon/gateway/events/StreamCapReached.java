package dev.aicon.gateway.events;

import dev.aicon.gateway.failure.FailureKind;
import dev.aicon.gateway.failure.GatewayFailure;

/**
 * A stream was refused because a cap on open SSE streams is reached; the message names the cap. The client may
 * retry later ({@code aicon.events.streams-retry-after}).
 */
public class StreamCapReached extends GatewayFailure {

    public StreamCapReached(String reason) {
        super(FailureKind.TOO_MANY_STREAMS, null, reason + "; retry later");
    }
}

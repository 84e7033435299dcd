package dev.aicon.gateway.blob;

import dev.aicon.gateway.failure.FailureKind;
import dev.aicon.gateway.failure.GatewayFailure;

/**
 * The brain cannot be served now and the client should retry: it is offloaded, GCS does not answer and no copy is
 * on this machine, or every {@code aicon-brain} thread is busy and its queue is full.
 */
public class BrainUnavailable extends GatewayFailure {

    public BrainUnavailable(BrainMeta meta, Throwable cause) {
        super(
                FailureKind.BRAIN_UNAVAILABLE,
                null,
                "the brain (object " + meta.object() + ") is stored in GCS, "
                        + "which is unavailable (" + cause.getClass().getSimpleName()
                        + "), and no copy is on this gateway; "
                        + "retry later",
                cause);
    }

    BrainUnavailable(String message) {
        super(FailureKind.BRAIN_UNAVAILABLE, null, message);
    }
}

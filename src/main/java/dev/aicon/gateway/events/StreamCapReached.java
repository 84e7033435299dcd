package dev.aicon.gateway.events;

/** A stream was refused because a cap on open SSE streams is reached; the message names the cap. */
public class StreamCapReached extends RuntimeException {

    public StreamCapReached(String message) {
        super(message, null, false, false);
    }
}

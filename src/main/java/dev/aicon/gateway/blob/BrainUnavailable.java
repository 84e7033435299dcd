package dev.aicon.gateway.blob;

/** The brain is offloaded, GCS does not answer, and no copy is on this machine: the client should retry. */
public class BrainUnavailable extends RuntimeException {

    private final String object;

    public BrainUnavailable(BrainMeta meta, Throwable cause) {
        super("the brain is stored in GCS, which is unavailable (" + cause.getClass().getSimpleName()
                + "), and no copy is on this gateway; retry later", cause);
        this.object = meta.object();
    }

    public String object() {
        return object;
    }
}

package dev.aicon.gateway.journal;

/** The journal reached {@code aicon.journal.max-bytes}; the write was not accepted. */
public class JournalFull extends RuntimeException {

    public JournalFull(long bytes, long maxBytes) {
        super("the degraded-mode journal is full (" + bytes + " of " + maxBytes
                + " bytes, aicon.journal.max-bytes); the write was not accepted", null, false, false);
    }
}

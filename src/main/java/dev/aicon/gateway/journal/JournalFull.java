package dev.aicon.gateway.journal;

import dev.aicon.gateway.failure.FailureKind;
import dev.aicon.gateway.failure.GatewayFailure;

/**
 * The journal reached {@code aicon.journal.max-bytes}, or its overlay {@code aicon.journal.max-aicons}; the write
 * was not accepted.
 */
public class JournalFull extends GatewayFailure {

    private JournalFull(String message) {
        super(FailureKind.JOURNAL_FULL, null, message);
    }

    public static JournalFull ofBytes(long bytes, long maxBytes) {
        return new JournalFull("the degraded-mode journal is full (" + bytes + " of " + maxBytes
                + " bytes, aicon.journal.max-bytes); the write was not accepted");
    }

    public static JournalFull ofAIcons(int aicons) {
        return new JournalFull("the degraded-mode journal holds writes of " + aicons
                + " AIcons (aicon.journal.max-aicons); a write of another AIcon was not accepted");
    }
}

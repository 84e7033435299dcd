package dev.aicon.gateway.service;

import dev.aicon.gateway.domain.AIcon;

/**
 * The AIcon after an accepted write, whether the write created what it addressed, and whether it was accepted
 * into the local journal because the store was unavailable (it reaches the store when the journal is replayed).
 */
public record WriteResult(AIcon aicon, boolean created, boolean journaled) {

    public WriteResult asCreated(boolean isCreated) {
        return new WriteResult(aicon, isCreated, journaled);
    }
}

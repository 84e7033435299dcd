package dev.aicon.gateway.service;

import dev.aicon.gateway.domain.AIcon;

/**
 * The AIcon after an accepted write, whether the write created what it addressed, and whether it was accepted
 * into the local journal because the store was unavailable (it reaches the store when the journal is replayed).
 */
public record Written(AIcon aicon, boolean created, boolean journaled) {

    public Written asCreated(boolean isCreated) {
        return new Written(aicon, isCreated, journaled);
    }
}

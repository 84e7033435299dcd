package dev.aicon.gateway.cache;

import dev.aicon.gateway.domain.AIcon;

/** What the cache knows of one id: the document, that it was deleted, or nothing. */
public sealed interface CacheLookup {

    CacheLookup MISS = new Miss();

    record Hit(AIcon aicon) implements CacheLookup {
    }

    /** A delete was acknowledged and nothing has been created since. */
    record Deleted() implements CacheLookup {
    }

    record Miss() implements CacheLookup {
    }
}

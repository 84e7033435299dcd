package dev.aicon.gateway.cache;

import dev.aicon.gateway.domain.AIcon;

/** What the cache knows of one id: the document, that it was deleted, or nothing. */
public sealed interface CacheLookup {

    /** A miss that no fill may follow (the cache did not answer, or the tier is off). */
    CacheLookup MISS = new Miss(-1);

    record Hit(AIcon aicon) implements CacheLookup {}

    /** A delete was acknowledged and nothing has been created since. */
    record Deleted() implements CacheLookup {}

    /**
     * Nothing cached. {@code generation} is the cache generation the lookup saw, the only one a fill of what the
     * store answers next may land in (negative: none).
     */
    record Miss(long generation) implements CacheLookup {}
}

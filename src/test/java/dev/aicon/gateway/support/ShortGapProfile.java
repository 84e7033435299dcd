package dev.aicon.gateway.support;

import java.util.Map;

/** The PostgreSQL store with a 1 s gap timeout, so a rolled-back outbox id is given up on quickly. */
public class ShortGapProfile extends PostgresProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("aicon.events.gap-timeout", "1s");
    }
}

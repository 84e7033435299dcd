package dev.aicon.gateway.config;

import io.quarkus.runtime.Startup;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;

/**
 * Fails start-up on an {@code aicon.*} key outside every group the gateway knows, naming it: SmallRye rejects
 * unknown keys inside a mapped group ({@code aicon.store.bogus}) and wrong values, but a misspelt group
 * ({@code aicon.featurs.cache.enabled}) would otherwise be silently ignored.
 */
@Startup
@ApplicationScoped
public class ConfigKeysCheck {

    static final Set<String> GROUPS = Set.of(
            "store",
            "document",
            "api",
            "cache",
            "features",
            "resilience",
            "journal",
            "blob",
            "history",
            "events",
            "batch",
            "sdk",
            "audit",
            "control-plane",
            "security");

    ConfigKeysCheck(SmallRyeConfig config) {
        List<String> unknown = new java.util.ArrayList<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("aicon.") && !GROUPS.contains(groupOf(name))) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown configuration key(s) " + unknown + ": the gateway reads aicon."
                    + GROUPS.stream().sorted().toList() + ".*; see docs/configuration.md");
        }
    }

    private static String groupOf(String name) {
        String rest = name.substring("aicon.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}

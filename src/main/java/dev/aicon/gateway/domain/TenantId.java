package dev.aicon.gateway.domain;

import java.util.regex.Pattern;

/**
 * The tenant an AIcon, its history, events, brain, cache entry and journal entries belong to. Every request acts for
 * exactly one tenant, taken from its credential (never from the URL or the body). Names are DNS-label like (1–63
 * chars of {@code [a-z0-9-]}, starting with a letter or digit), so a tenant is safe as a directory name, a key prefix
 * and a PostgreSQL setting value.
 */
public record TenantId(String value) {

    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** The tenant of data written before tenants existed, and of the anonymous operator in {@code %dev}. */
    public static final TenantId DEFAULT = new TenantId("default");

    public TenantId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("invalid tenant id: " + rule());
        }
    }

    public static boolean isValid(String candidate) {
        return candidate != null && ALLOWED.matcher(candidate).matches();
    }

    public static String rule() {
        return "a tenant id must be 1-63 characters of [a-z0-9-] starting with a letter or digit";
    }

    @Override
    public String toString() {
        return value;
    }
}

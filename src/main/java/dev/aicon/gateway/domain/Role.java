package dev.aicon.gateway.domain;

import java.util.Locale;

/**
 * The roles of the security contract, each including the ones before it: {@code reader} (reads, lists, versions,
 * events, export), {@code writer} (every write, brains, batch, import, restore), {@code admin} (the keys and the
 * audit of its own tenant), {@code operator} (every tenant, tenants, features, journal, backups, encryption).
 */
public enum Role {
    READER(1),
    WRITER(2),
    ADMIN(3),
    OPERATOR(4);

    private final int rank;

    Role(int rank) {
        this.rank = rank;
    }

    /** The name used in credentials, configuration and {@code @RolesAllowed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when a holder of this role may do what {@code required} allows. */
    public boolean includes(Role required) {
        return rank >= required.rank;
    }

    public static final String READER_NAME = "reader";
    public static final String WRITER_NAME = "writer";
    public static final String ADMIN_NAME = "admin";
    public static final String OPERATOR_NAME = "operator";
}

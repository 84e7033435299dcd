package dev.aicon.gateway.security;

import dev.aicon.gateway.domain.Role;
import dev.aicon.gateway.domain.TenantId;

import java.util.Set;

/**
 * Who a request acts as: the credential's subject (a key id, a JWT subject, {@code bootstrap} or {@code anonymous};
 * never the secret), the tenant it acts for and the roles it holds.
 */
public record Caller(String subject, TenantId tenant, Set<Role> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role required) {
        return roles.stream().anyMatch(held -> held.includes(required));
    }
}

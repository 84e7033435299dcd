package dev.aicon.gateway.security;

import dev.aicon.gateway.domain.Role;
import dev.aicon.gateway.domain.TenantId;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the identities of the gateway's credentials: the subject (never a secret), the tenant as the attribute
 * {@link CurrentCaller#TENANT_ATTRIBUTE} and the roles by their wire names, each role with every role below it, so
 * that a {@code writer} passes every {@code reader} check (the roles augment downwards).
 */
final class Identities {

    static final String BOOTSTRAP_SUBJECT = "bootstrap";
    static final String ANONYMOUS_SUBJECT = "anonymous";

    private Identities() {}

    static SecurityIdentity of(String subject, TenantId tenant, Collection<Role> roles) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(subject))
                .addAttribute(CurrentCaller.TENANT_ATTRIBUTE, tenant);
        for (Role role : withLowerRoles(roles)) {
            builder.addRole(role.wireName());
        }
        return builder.build();
    }

    /** {@code roles} and every role each of them includes. */
    static Set<Role> withLowerRoles(Collection<Role> roles) {
        Set<Role> all = EnumSet.noneOf(Role.class);
        for (Role held : roles) {
            for (Role candidate : Role.values()) {
                if (held.includes(candidate)) {
                    all.add(candidate);
                }
            }
        }
        return all;
    }

    /** The role a wire name names ({@code reader}, …, any letter case), if any. */
    static Optional<Role> role(String wireName) {
        String wanted = wireName.trim().toLowerCase(Locale.ROOT);
        for (Role role : Role.values()) {
            if (role.wireName().equals(wanted)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    static SecurityIdentity withTenant(SecurityIdentity identity, TenantId tenant) {
        return QuarkusSecurityIdentity.builder(identity)
                .addAttribute(CurrentCaller.TENANT_ATTRIBUTE, tenant)
                .build();
    }

    static boolean isOperator(SecurityIdentity identity) {
        return !identity.isAnonymous() && identity.hasRole(Role.OPERATOR_NAME);
    }
}

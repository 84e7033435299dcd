package dev.aicon.gateway.security;

import dev.aicon.gateway.config.SecurityConfig;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.failure.FailureKind;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jspecify.annotations.Nullable;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The gateway's own checks around Quarkus' authentication (route order -200) and path permissions (-100), on every
 * route, JAX-RS and Vert.x alike:
 * <ul>
 *   <li>before them ({@link #ORIGIN_ORDER}), against DNS rebinding and cross-site requests: while the gateway
 *       listens on loopback, a request whose {@code Host} is not a loopback name (or one of
 *       {@code aicon.security.allowed-hosts}) is answered 421; a state-changing request (POST, PUT, PATCH, DELETE)
 *       whose {@code Origin} is not one of {@code aicon.security.allowed-origins} is answered 403;
 *   <li>after them ({@link #TENANT_ORDER}): the {@code AIcon-Tenant} header is obeyed for an {@code operator} only;
 *       any other caller sending it gets 403, an operator naming an invalid tenant 400;
 *   <li>the 403 of a path permission becomes a problem like every other answer.
 * </ul>
 */
@ApplicationScoped
public class SecurityGate {

    static final int ORIGIN_ORDER = -1500;
    /** After Quarkus' authorization filter (-100) and before every route of the gateway. */
    public static final int TENANT_ORDER = -50;

    private static final Set<HttpMethod> STATE_CHANGING =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final RefusalAnswers answers;
    private final boolean loopbackOnly;
    private final Set<String> allowedHosts;
    private final Set<String> allowedOrigins;

    SecurityGate(
            RefusalAnswers answers,
            SecurityConfig config,
            @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0") String httpHost) {
        this.answers = answers;
        this.loopbackOnly = isLoopback(httpHost);
        this.allowedHosts = SecurityConfig.items(config.allowedHosts()).stream()
                .map(host -> host.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.allowedOrigins = SecurityConfig.items(config.allowedOrigins()).stream()
                .map(SecurityGate::origin)
                .collect(Collectors.toUnmodifiableSet());
    }

    void register(@Observes Router router) {
        router.route().order(ORIGIN_ORDER).handler(this::checkHostAndOrigin);
        router.route().order(TENANT_ORDER).handler(this::checkTenantHeader);
        router.route().order(ORIGIN_ORDER).failureHandler(this::answerForbidden);
    }

    private void checkHostAndOrigin(RoutingContext context) {
        if (loopbackOnly && !hostAllowed(context.request().getHeader("Host"))) {
            answers.refuse(
                    context,
                    FailureKind.MISDIRECTED_REQUEST,
                    "this gateway listens on loopback and answers only requests addressed to a loopback name "
                            + "(or one of aicon.security.allowed-hosts)");
            return;
        }
        String origin = context.request().getHeader("Origin");
        if (origin != null
                && STATE_CHANGING.contains(context.request().method())
                && !allowedOrigins.contains(origin(origin))) {
            answers.refuse(
                    context,
                    FailureKind.FORBIDDEN,
                    "requests from origin " + printable(origin)
                            + " may not change anything: it is not one of aicon.security.allowed-origins");
            return;
        }
        context.next();
    }

    private void checkTenantHeader(RoutingContext context) {
        String named = context.request().getHeader(BearerAuthMechanism.TENANT_HEADER);
        SecurityIdentity identity = identity(context);
        if (named == null || identity == null || identity.isAnonymous()) {
            context.next();
        } else if (!Identities.isOperator(identity)) {
            answers.refuse(
                    context,
                    FailureKind.FORBIDDEN,
                    "only an operator may name a tenant in " + BearerAuthMechanism.TENANT_HEADER
                            + "; a credential acts for its own tenant");
        } else if (!TenantId.isValid(named.strip())) {
            answers.refuse(
                    context, FailureKind.MALFORMED_REQUEST, BearerAuthMechanism.TENANT_HEADER + ": " + TenantId.rule());
        } else {
            context.next();
        }
    }

    private void answerForbidden(RoutingContext context) {
        if (context.failure() instanceof ForbiddenException
                && !context.response().ended()) {
            answers.refuse(context, FailureKind.FORBIDDEN, "this credential's roles do not allow this request");
        } else {
            context.next();
        }
    }

    static @Nullable SecurityIdentity identity(RoutingContext context) {
        return context.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
    }

    private boolean hostAllowed(@Nullable String hostHeader) {
        if (hostHeader == null) {
            return true;
        }
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            host = end < 0 ? host : host.substring(0, end + 1);
        } else if (host.indexOf(':') >= 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        return isLoopback(host) || allowedHosts.contains(host);
    }

    /** Loopback names and addresses, judged from the text alone (no name is resolved). */
    public static boolean isLoopback(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        return name.equals("localhost")
                || name.endsWith(".localhost")
                || name.equals("::1")
                || name.equals("[::1]")
                || name.matches("127(\\.\\d{1,3}){3}");
    }

    /** An origin as compared: lower case, without a trailing slash. */
    private static String origin(String origin) {
        String value = origin.strip().toLowerCase(Locale.ROOT);
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private static String printable(String value) {
        String shown = value.length() > 100 ? value.substring(0, 100) + "…" : value;
        return shown.replaceAll("[^\\x20-\\x7e…]", "?");
    }
}

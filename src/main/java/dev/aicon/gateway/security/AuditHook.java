package dev.aicon.gateway.security;

import dev.aicon.gateway.controlplane.AuditEvent;
import dev.aicon.gateway.controlplane.AuditTrail;
import dev.aicon.gateway.domain.TenantId;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records every write (POST, PUT, PATCH, DELETE, but the read-only {@code POST /v1/aicons:batchGet}), every
 * {@code /v1/admin} request and every refused one (401, 403, 421) in the {@link AuditTrail}, once the response has
 * ended: who, for which tenant, what (the route template, e.g. {@code PUT /v1/aicons/{id}}), which AIcon and version
 * (the response's {@code ETag}), the status and the outcome ({@code ok}, {@code refused}, {@code failed}). The
 * first route of all (before authentication), so refusals are seen too. Appending never holds the request: it
 * starts after the response and a failure is only logged.
 */
@ApplicationScoped
public class AuditHook {

    static final int ORDER = -3000;
    private static final Set<HttpMethod> WRITES =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    private static final Pattern AICON = Pattern.compile("^/v1/aicons/([^/:]+)(/.*)?$");
    private static final Pattern VERSION = Pattern.compile("^(?:W/)?\"?(\\d{1,18})\"?$");
    /** Paths with their route template ({@code $1}: the literal segment the pattern kept). */
    private static final List<Map.Entry<Pattern, String>> TEMPLATES = List.of(
            Map.entry(Pattern.compile("^/v1/aicons/[^/:]+/factors/[^/]+$"), "/v1/aicons/{id}/factors/{name}"),
            Map.entry(
                    Pattern.compile("^/v1/aicons/[^/:]+/versions/[^/]+/restore$"),
                    "/v1/aicons/{id}/versions/{v}/restore"),
            Map.entry(Pattern.compile("^/v1/aicons/[^/:]+/versions/[^/]+$"), "/v1/aicons/{id}/versions/{v}"),
            Map.entry(Pattern.compile("^/v1/aicons/[^/:]+(/[a-z]+)$"), "/v1/aicons/{id}$1"),
            Map.entry(Pattern.compile("^/v1/aicons/[^/:]+$"), "/v1/aicons/{id}"),
            Map.entry(
                    Pattern.compile("^/v1/admin/tenants/[^/]+/keys/[^/]+$"),
                    "/v1/admin/tenants/{tenant}/keys/{key_id}"),
            Map.entry(Pattern.compile("^/v1/admin/tenants/[^/]+(/[a-z]+)$"), "/v1/admin/tenants/{tenant}$1"),
            Map.entry(Pattern.compile("^/v1/admin/tenants/[^/]+$"), "/v1/admin/tenants/{tenant}"));

    private final Instance<AuditTrail> trails;

    AuditHook(Instance<AuditTrail> trails) {
        this.trails = trails;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::watch);
    }

    private void watch(RoutingContext context) {
        if (trails.isResolvable()) {
            HttpMethod method = context.request().method();
            String path = context.normalizedPath();
            context.addEndHandler(ended -> {
                int status = context.response().getStatusCode();
                if (audited(method, path, status)) {
                    append(event(context, method, path, status));
                }
            });
        }
        context.next();
    }

    static boolean audited(HttpMethod method, String path, int status) {
        boolean write = WRITES.contains(method) && !path.equals("/v1/aicons:batchGet");
        return write || path.startsWith("/v1/admin") || status == 401 || status == 403 || status == 421;
    }

    private void append(AuditEvent event) {
        try {
            trails.get()
                    .append(event)
                    .subscribe()
                    .with(
                            done -> {},
                            failure -> Log.warnf(
                                    "the audit record of %s could not be written: %s",
                                    event.action(), failure.toString()));
        } catch (RuntimeException failure) {
            Log.warnf("the audit record of %s could not be written: %s", event.action(), failure.toString());
        }
    }

    private static AuditEvent event(RoutingContext context, HttpMethod method, String path, int status) {
        SecurityIdentity identity = SecurityGate.identity(context);
        String subject = Identities.ANONYMOUS_SUBJECT;
        TenantId tenant = null;
        if (identity != null && !identity.isAnonymous()) {
            subject = identity.getPrincipal().getName();
            tenant = identity.getAttribute(CurrentCaller.TENANT_ATTRIBUTE);
        }
        return new AuditEvent(
                Instant.now(),
                subject,
                tenant,
                method.name() + " " + template(path),
                aiconId(path),
                version(context.response().headers().get("ETag")),
                status,
                outcome(status));
    }

    static String outcome(int status) {
        if (status == 401 || status == 403 || status == 421) {
            return "refused";
        }
        return status < 400 ? "ok" : "failed";
    }

    /** The route template of {@code path} where the gateway knows it ({@code /v1/aicons/{id}/brain}), else the path. */
    static String template(String path) {
        for (Map.Entry<Pattern, String> template : TEMPLATES) {
            Matcher matcher = template.getKey().matcher(path);
            if (matcher.matches()) {
                return matcher.replaceFirst(template.getValue());
            }
        }
        return path;
    }

    static @Nullable String aiconId(String path) {
        Matcher matcher = AICON.matcher(path);
        return matcher.matches() ? matcher.group(1) : null;
    }

    static @Nullable Long version(@Nullable String etag) {
        if (etag == null) {
            return null;
        }
        Matcher matcher = VERSION.matcher(etag.strip());
        return matcher.matches() ? Long.valueOf(matcher.group(1)) : null;
    }
}

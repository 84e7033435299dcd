package dev.aicon.gateway.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aicon.gateway.domain.Role;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.TestCredential;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deny by default, on every route: the JAX-RS endpoints of the OpenAPI document and the Vert.x routes the gateway
 * registers (found by calling every {@code register(Router)} of its classes with a recording router) are each sent
 * with no credential (401, but the probes) and with the key of each role: a role at or above the one the contract
 * gives the route passes the security checks, a lower one gets 403. A route no rule of application.properties
 * covers falls to the deny-all rule and refuses even the operator; a route of a family the contract does not name
 * fails {@link #required}: either way this test fails until the route gets its rule.
 */
@QuarkusTest
@TestProfile(SecurityProfile.class)
class RouteCoverageTest {

    private static final Map<Role, String> KEYS = Map.of(
            Role.READER, FakeKeyDirectory.READER,
            Role.WRITER, FakeKeyDirectory.WRITER,
            Role.ADMIN, FakeKeyDirectory.ADMIN,
            Role.OPERATOR, FakeKeyDirectory.OPERATOR);
    private static final List<String> ANY_METHOD = List.of("GET", "HEAD", "PUT", "POST", "PATCH", "DELETE");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** The role the security contract gives {@code method path}; null: open to all. */
    static @Nullable Role required(String method, String path) {
        if (path.equals("/q/health") || path.startsWith("/q/health/")) {
            return null;
        }
        if (path.startsWith("/q/")) {
            return Role.OPERATOR;
        }
        if (path.matches("/v1/admin/tenants/[^/]+/keys(/.*)?") || path.matches("/v1/admin/audit(/.*)?")) {
            return Role.ADMIN;
        }
        if (path.startsWith("/v1/admin/") || path.equals("/v1/admin")) {
            return Role.OPERATOR;
        }
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (read && (path.startsWith("/v1/aicons") || path.equals("/v1/events"))) {
            return Role.READER;
        }
        if (method.equals("POST") && path.equals("/v1/aicons:batchGet")) {
            return Role.READER;
        }
        if (path.startsWith("/v1/aicons")) {
            return Role.WRITER;
        }
        throw new AssertionError(method + " " + path + " belongs to no route family of the security contract: give it "
                + "a rule in application.properties and an expectation here");
    }

    @Test
    void everyRouteRefusesNoCredentialAndAdmitsExactlyTheRolesTheContractGivesIt() throws Exception {
        Set<String> routes = new TreeSet<>(openApiRoutes());
        Set<String> vertx = vertxRoutes();
        assertTrue(
                vertx.containsAll(List.of("GET /v1/aicons/{id}/brain", "POST /v1/aicons:import", "GET /v1/events")),
                "the Vert.x routes were found: " + vertx);
        assertTrue(routes.contains("GET /v1/aicons/{id}"), "the OpenAPI routes were found: " + routes);
        routes.addAll(vertx);
        routes.addAll(List.of("GET /q/metrics", "GET /q/openapi", "GET /q/health/live", "GET /q/health/ready"));
        // the control plane's routes (contract: product.md, Security contract), whether or not they are served yet
        routes.addAll(List.of(
                "GET /v1/admin/tenants",
                "POST /v1/admin/tenants",
                "GET /v1/admin/tenants/{tenant}/keys",
                "POST /v1/admin/tenants/{tenant}/keys",
                "DELETE /v1/admin/tenants/{tenant}/keys/{key_id}",
                "GET /v1/admin/audit"));
        List<String> wrong = new ArrayList<>();
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = concrete(route.substring(route.indexOf(' ') + 1));
            Role required = required(method, path);
            Answer anonymous = send(method, path, null);
            if (required == null ? anonymous.refused() : anonymous.status != 401) {
                wrong.add(route + " without a credential: " + anonymous);
            }
            if (required == null) {
                continue;
            }
            for (Role role : Role.values()) {
                Answer answer = send(method, path, KEYS.get(role));
                boolean admitted = role.includes(required);
                if (admitted ? answer.refused() : !answer.forbidden()) {
                    wrong.add(route + " as " + role.wireName() + " (needs " + required.wireName() + "): " + answer);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theRecordingRouterSeesARouteWithoutARule() {
        assertThrowsAssertion(() -> required("GET", "/v2/widgets"));
    }

    private static void assertThrowsAssertion(Runnable action) {
        try {
            action.run();
        } catch (AssertionError expected) {
            return;
        }
        throw new AssertionError("expected a route family without a rule to fail");
    }

    /** Every {@code METHOD /path} of the OpenAPI document. */
    private List<String> openApiRoutes() throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(uri("/q/openapi?format=json"))
                        .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode paths = Fixtures.MAPPER.readTree(answer.body()).get("paths");
        List<String> routes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase(Locale.ROOT);
                if (ANY_METHOD.contains(method)) {
                    routes.add(method + " " + path.getKey());
                }
            }
        }
        return routes;
    }

    /**
     * The gateway's own Vert.x routes: every {@code register(Router)} of its classes, called with a router that
     * records each path (and regular expression) and the methods it is limited to. Filters on every path
     * ({@code route()}, {@code /v1/*}) are not endpoints and are left out.
     */
    static Set<String> vertxRoutes() throws Exception {
        Set<String> routes = new TreeSet<>();
        for (Class<?> type : gatewayClasses()) {
            for (Method register : type.getDeclaredMethods()) {
                if (register.getParameterCount() != 1 || register.getParameterTypes()[0] != Router.class) {
                    continue;
                }
                List<Recorded> recorded = new ArrayList<>();
                register.setAccessible(true);
                register.invoke(Arc.container().instance(type).get(), recordingRouter(recorded));
                for (Recorded route : recorded) {
                    if (route.path == null || route.path.endsWith("*")) {
                        continue;
                    }
                    String path = route.path.replaceAll("/:([a-zA-Z_]+)", "/{$1}");
                    for (String method : route.methods.isEmpty() ? ANY_METHOD : route.methods) {
                        routes.add(method + " " + path);
                    }
                }
            }
        }
        return routes;
    }

    private static List<Class<?>> gatewayClasses() throws IOException, ClassNotFoundException {
        Path root = Path.of("target", "classes");
        List<Class<?>> types = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root.resolve("dev/aicon/gateway"))) {
            files = walk.filter(file -> file.toString().endsWith(".class")
                            && !file.toString().contains("$"))
                    .toList();
        }
        for (Path file : files) {
            String name = root.relativize(file).toString().replace(".class", "").replace('/', '.');
            Class<?> type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
            if (Stream.of(type.getDeclaredMethods())
                    .anyMatch(m -> m.getParameterCount() == 1 && m.getParameterTypes()[0] == Router.class)) {
                types.add(type);
            }
        }
        return types;
    }

    private static final class Recorded {
        @Nullable
        String path;

        final Set<String> methods = new LinkedHashSet<>();
    }

    private static Router recordingRouter(List<Recorded> recorded) {
        return (Router) Proxy.newProxyInstance(
                Router.class.getClassLoader(), new Class<?>[] {Router.class}, (proxy, method, args) -> {
                    if (method.getReturnType() != Route.class) {
                        return defaultValue(method.getReturnType());
                    }
                    Recorded route = new Recorded();
                    for (Object arg : args == null ? new Object[0] : args) {
                        if (arg instanceof HttpMethod httpMethod) {
                            route.methods.add(httpMethod.name());
                        } else if (arg instanceof String text) {
                            route.path = method.getName().contains("Regex") ? unquote(text) : text;
                        }
                    }
                    String verb = method.getName().toUpperCase(Locale.ROOT);
                    if (ANY_METHOD.contains(verb)) {
                        route.methods.add(verb);
                    }
                    recorded.add(route);
                    return recordingRoute(route);
                });
    }

    private static Route recordingRoute(Recorded route) {
        return (Route) Proxy.newProxyInstance(
                Route.class.getClassLoader(), new Class<?>[] {Route.class}, (proxy, method, args) -> {
                    if (method.getName().equals("method") && args != null && args[0] instanceof HttpMethod m) {
                        route.methods.add(m.name());
                    }
                    return method.getReturnType() == Route.class ? proxy : defaultValue(method.getReturnType());
                });
    }

    private static @Nullable Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        return null;
    }

    /** The literal path of a quoted regular expression ({@code Pattern.quote}); any other is kept as it is. */
    private static String unquote(String regex) {
        return regex.startsWith("\\Q") && regex.endsWith("\\E") ? regex.substring(2, regex.length() - 2) : regex;
    }

    private static String concrete(String template) {
        return template.replace("{id}", "route-walk")
                .replace("{name}", "f")
                .replace("{v}", "1")
                .replace("{tenant}", "default")
                .replace("{key_id}", "k")
                .replaceAll("\\{[^}]+}", "x");
    }

    private record Answer(int status, @Nullable String type) {

        /** Refused by the security checks (not, say, by the SDK import's own 403). */
        boolean refused() {
            return status == 401 || forbidden();
        }

        boolean forbidden() {
            return status == 403 && "urn:aicon:problem:forbidden".equals(type);
        }
    }

    private Answer send(String method, String path, @Nullable String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<InputStream> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        String type = null;
        try (InputStream body = answer.body()) {
            boolean problem = answer.headers()
                    .firstValue("Content-Type")
                    .filter(value -> value.startsWith("application/problem+json"))
                    .isPresent();
            if (problem) {
                JsonNode json = Fixtures.MAPPER.readTree(new String(body.readAllBytes(), StandardCharsets.UTF_8));
                type = json.path("type").asText(null);
            }
        }
        if (answer.statusCode() == 401) {
            assertTrue(
                    answer.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
                    method + " " + path + " 401 without a Bearer challenge");
        }
        return new Answer(answer.statusCode(), type);
    }

    private static URI uri(String path) {
        return URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
    }
}

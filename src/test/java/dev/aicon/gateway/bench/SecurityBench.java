package dev.aicon.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.it.GatewayProcess;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.PostgresServer;
import dev.aicon.gateway.support.TestCredential;
import org.jspecify.annotations.Nullable;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cost of authentication and row-level security ({@code BENCH_ONLY=security bench/run.sh}): one PostgreSQL on
 * loopback and one Redis, four packaged gateways started side by side (secured and baseline, each cached and
 * uncached), and saturation loads ({@code wrk}, 32 connections) of cached GET, uncached GET and PUT of the 10 KB AIcon
 * in three settings, interleaved in every repetition so that drift of the shared machine spreads over all of them:
 *
 * <ul>
 *   <li>{@code api-key}: security on, a real API key (writer of tenant {@code default}) issued through {@code POST
 *       /v1/admin/tenants/default/keys}: SHA-256 of the key and a control-plane lookup, cached for 2 s; the datasource
 *       is the runtime role under FORCE ROW LEVEL SECURITY (migrations as the owner);
 *   <li>{@code bootstrap}: the same gateways, with the bootstrap token (an operator of {@code default}: no lookup);
 *   <li>{@code baseline}: {@code aicon.security.enabled=false} (allowed on loopback) and the datasource as the
 *       superuser, which bypasses the policies; TenantScope still wraps each statement in its transaction with the
 *       pipelined {@code set_config}, so this measures authentication and policies off, not that transaction.
 * </ul>
 */
final class SecurityBench {

    record Setting(String name, String label, @Nullable String authorization, boolean secured) {}

    private record Operation(String name, boolean cached, String method, boolean body) {}

    private static final List<Operation> OPERATIONS = List.of(
            new Operation("cached GET", true, "GET", false),
            new Operation("uncached GET", false, "GET", false),
            new Operation("PUT", false, "PUT", true));

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    interface Gateways {
        /** A packaged gateway on the shared PostgreSQL and Redis: secured (runtime role) or baseline (superuser). */
        GatewayProcess start(boolean cache, boolean secured, String name) throws Exception;
    }

    /** Measures and returns the lines of the report; fills {@code results}. */
    List<String> run(Path work, int seconds, int repetitions, String document, Gateways gateways, ObjectNode results)
            throws Exception {
        List<String> lines = new ArrayList<>();
        Path body = work.resolve("security-document.json");
        Files.writeString(body, document);
        // Secured first: it migrates the schema as the owner, so the baseline finds it migrated.
        try (GatewayProcess securedUncached = gateways.start(false, true, "security-uncached");
                GatewayProcess securedCached = gateways.start(true, true, "security-cached");
                GatewayProcess baselineUncached = gateways.start(false, false, "baseline-uncached");
                GatewayProcess baselineCached = gateways.start(true, false, "baseline-cached")) {
            String key = issueKey(securedUncached);
            List<Setting> settings = List.of(
                    new Setting("api-key", "(a) API key, RLS", "Bearer " + key, true),
                    new Setting("bootstrap", "(b) bootstrap token, RLS", TestCredential.AUTHORIZATION, true),
                    new Setting("baseline", "(c) security off, superuser", null, false));
            put(securedUncached, "/v1/aicons/read-1", document, TestCredential.AUTHORIZATION);
            for (Setting s : settings) {
                GatewayProcess writer = s.secured() ? securedUncached : baselineUncached;
                for (int i = 1; i <= 1000; i++) {
                    put(writer, "/v1/aicons/put-" + s.name() + "-" + i, document, s.authorization());
                }
            }
            List<List<Tools.Load>> loads = new ArrayList<>();
            for (int i = 0; i < settings.size() * OPERATIONS.size(); i++) {
                loads.add(new ArrayList<>());
            }
            long[][][] failures = new long[settings.size()][OPERATIONS.size()][3];
            for (int rep = -1; rep < repetitions; rep++) {
                for (int o = 0; o < OPERATIONS.size(); o++) {
                    Operation op = OPERATIONS.get(o);
                    // rotate the order per repetition: no setting always runs first after a change of operation
                    for (int k = 0; k < settings.size(); k++) {
                        int si = Math.floorMod(k + rep, settings.size());
                        Setting s = settings.get(si);
                        GatewayProcess gateway = s.secured()
                                ? (op.cached() ? securedCached : securedUncached)
                                : (op.cached() ? baselineCached : baselineUncached);
                        String path = op.body()
                                ? "\"/v1/aicons/put-" + s.name() + "-\" .. math.random(1, 1000)"
                                : "\"/v1/aicons/read-1\"";
                        Path script = script(work, s.name() + "-" + o, op.method(), op.body() ? body : null, path, s);
                        // repetition -1 warms both JITs (gateway and wrk) up and fills the cache; not recorded
                        Tools.Counted counted = Tools.wrkCounted(
                                gateway.uri("/").toString(), script, 32, rep < 0 ? Math.min(5, seconds) : seconds);
                        Tools.Load load = counted.load();
                        failures[si][o][0] += counted.requests();
                        failures[si][o][1] += counted.errors();
                        failures[si][o][2] += counted.timeouts();
                        if (rep >= 0) {
                            loads.get(si * OPERATIONS.size() + o).add(load);
                        }
                    }
                }
            }
            // the host's speed in this run, for comparing with earlier runs: 10 KB from memory through the HTTP stack
            Tools.Load floor = Tools.wrk(
                    baselineCached.uri("/").toString(),
                    script(work, "http-floor", "GET", null, "\"/v1/admin/http-floor\"", settings.get(2)),
                    32,
                    seconds);
            ObjectNode section = results.putObject("security").put("repetitions", repetitions);
            section.put("http_floor_rps", floor.rps());
            ArrayNode rows = section.putArray("rows");
            lines.add(String.format(
                    Locale.ROOT,
                    "Cost of authentication and row-level security: saturation (wrk, 2 threads, 32 connections, %d s),"
                            + " 10 KB AIcon, mean of %d interleaved repetitions (range of requests/s)",
                    seconds,
                    repetitions));
            lines.add(String.format(
                    Locale.ROOT,
                    "%-14s %-30s %-24s %-18s %s",
                    "request",
                    "setting",
                    "requests/s (range)",
                    "p50/p99 ms",
                    "vs (c)"));
            for (int o = 0; o < OPERATIONS.size(); o++) {
                double baseline = mean(loads.get(2 * OPERATIONS.size() + o), Tools.Load::rps);
                for (int si = 0; si < settings.size(); si++) {
                    List<Tools.Load> l = loads.get(si * OPERATIONS.size() + o);
                    double rps = mean(l, Tools.Load::rps);
                    double p50 = mean(l, Tools.Load::p50);
                    double p99 = mean(l, Tools.Load::p99);
                    double min = l.stream().mapToDouble(Tools.Load::rps).min().orElse(0);
                    double max = l.stream().mapToDouble(Tools.Load::rps).max().orElse(0);
                    ObjectNode row = rows.addObject()
                            .put("request", OPERATIONS.get(o).name())
                            .put("setting", settings.get(si).name())
                            .put("rps", rps)
                            .put("rps_min", min)
                            .put("rps_max", max)
                            .put("p50_ms", p50)
                            .put("p99_ms", p99)
                            .put("ratio_to_baseline", rps / baseline)
                            .put("requests_with_warm_up", failures[si][o][0])
                            .put("non_2xx", failures[si][o][1])
                            .put("timeouts", failures[si][o][2]);
                    if (failures[si][o][1] + failures[si][o][2] > 0) {
                        lines.add(String.format(
                                Locale.ROOT,
                                "  FAILURES: %s, %s: %d non-2xx/3xx and %d timeouts in %d requests (warm-up included)",
                                OPERATIONS.get(o).name(),
                                settings.get(si).label(),
                                failures[si][o][1],
                                failures[si][o][2],
                                failures[si][o][0]));
                    }
                    ArrayNode each = row.putArray("runs");
                    l.forEach(load -> each.addObject()
                            .put("rps", load.rps())
                            .put("p50_ms", load.p50())
                            .put("p99_ms", load.p99()));
                    lines.add(String.format(
                            Locale.ROOT,
                            "%-14s %-30s %-24s %-18s %.2f",
                            OPERATIONS.get(o).name(),
                            settings.get(si).label(),
                            String.format(Locale.ROOT, "%.0f (%.0f-%.0f)", rps, min, max),
                            String.format(Locale.ROOT, "%.2f/%.2f", p50, p99),
                            rps / baseline));
                }
            }
            lines.add(String.format(
                    Locale.ROOT, "HTTP floor of this run (baseline gateway, 10 KB from memory): %.0f/s", floor.rps()));
        }
        return lines;
    }

    private static double mean(List<Tools.Load> loads, java.util.function.ToDoubleFunction<Tools.Load> value) {
        return loads.stream().mapToDouble(value).average().orElse(Double.NaN);
    }

    /** A wrk script: method, body, path per request and the setting's credential (none for the baseline). */
    private static Path script(Path work, String name, String method, @Nullable Path body, String path, Setting s)
            throws Exception {
        StringBuilder lua = new StringBuilder("wrk.method = \"" + method + "\"\n");
        if (s.authorization() != null) {
            lua.append("wrk.headers[\"Authorization\"] = \"")
                    .append(s.authorization())
                    .append("\"\n");
        }
        if (body != null) {
            lua.append("wrk.headers[\"Content-Type\"] = \"application/json\"\n")
                    .append("wrk.body = io.open(\"")
                    .append(body)
                    .append("\"):read(\"*a\")\n");
        }
        lua.append("request = function() return wrk.format(nil, ").append(path).append(") end\n");
        Path script = work.resolve("security-" + name + ".lua");
        Files.writeString(script, lua.toString());
        return script;
    }

    /** A writer key of tenant {@code default}, issued by the bootstrap operator through the admin API. */
    private String issueKey(GatewayProcess gateway) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(gateway.uri("/v1/admin/tenants/default/keys"))
                        .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"roles\": [\"writer\"], \"name\": \"bench\"}"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("issuing a key answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode key = Fixtures.MAPPER.readTree(response.body()).get("key");
        if (key == null || !key.isTextual()) {
            throw new IllegalStateException("no key in " + response.body());
        }
        return key.asText();
    }

    private void put(GatewayProcess gateway, String path, String document, @Nullable String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(document))
                .timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            request.header(TestCredential.HEADER, authorization);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    /** The datasource and security settings of a secured gateway (a, b) or the baseline (c). */
    static List<String> settings(boolean secured) {
        List<String> settings = new ArrayList<>(List.of(
                "-Daicon.store.postgres.migration-username=" + PostgresServer.OWNER,
                "-Daicon.store.postgres.migration-password=" + PostgresServer.PASSWORD,
                "-Dquarkus.flyway.placeholders.runtime_role=" + PostgresServer.RUNTIME,
                "-Dquarkus.datasource.password=" + PostgresServer.PASSWORD));
        if (secured) {
            settings.add("-Dquarkus.datasource.username=" + PostgresServer.RUNTIME);
        } else {
            settings.add("-Dquarkus.datasource.username=" + PostgresServer.USER);
            settings.add("-Daicon.security.enabled=false");
        }
        return settings;
    }
}

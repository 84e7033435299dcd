package dev.aicon.gateway.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.it.GatewayProcess;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.LatencyProxy;
import dev.aicon.gateway.support.PostgresProcess;
import dev.aicon.gateway.support.RedisProcess;
import dev.aicon.gateway.support.TestCredential;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark ({@code bench/run.sh}): the packaged gateway against real PostgreSQL and Redis on loopback, the seed
 * plan's four save/load cases in three settings, throughput and fixed-rate latency next to their floors, database
 * round trips per save, and the gateway's resident memory. Prints a table and writes a JSON result file.
 */
public final class BenchMain {

    private record Case(String name, int factors, int documentBytes, int brainBytes) {}

    private static final List<Case> CASES = List.of(
            new Case("small, 5 factors, ~10 KB", 5, 10_000, 0),
            new Case("medium, 20 factors, ~100 KB", 20, 100_000, 0),
            new Case("large, 100 factors, ~1 MB", 100, 1_000_000, 0),
            new Case("with brain, ~5 MB + 20 factors", 20, 100_000, 5_000_000));

    /** Rounds per case before measuring: both JITs (the gateway's and the client's) warm up on them. */
    private static final int WARM_UP = 30;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectNode results = Fixtures.MAPPER.createObjectNode();
    private final StringBuilder report = new StringBuilder();
    private final Path work;
    private final int rounds;
    private final int seconds;

    private BenchMain(Path work, int rounds, int seconds) {
        this.work = work;
        this.rounds = rounds;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/latest.json");
        int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "50"));
        int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "10"));
        BenchMain bench = new BenchMain(Files.createTempDirectory("aicon-bench-"), rounds, seconds);
        bench.run();
        Files.createDirectories(out.getParent());
        Files.writeString(out, Fixtures.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(bench.results));
        System.out.println(bench.report);
        System.out.println("results written to " + out);
        System.exit(0);
    }

    private void run() throws Exception {
        results.put(
                "machine",
                Runtime.getRuntime().availableProcessors() + " cores, "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
                        + System.getProperty("java.version"));
        results.put("rounds", rounds).put("seconds_per_load", seconds);
        if ("flood".equals(System.getenv("BENCH_CASE"))) {
            flood();
            return;
        }
        PostgresProcess postgres = new PostgresProcess().start();
        RedisProcess redis = new RedisProcess().start();
        if ("security".equals(System.getenv("BENCH_ONLY"))) {
            try {
                security(postgres, redis);
            } finally {
                redis.stop();
                postgres.stop();
            }
            return;
        }
        try (LatencyProxy proxy = new LatencyProxy(postgres.port(), 15)) {
            line("Save and load through the HTTP API (median / p99 of %d rounds; seed: PostgreSQL at ~30 ms)", rounds);
            line("%-34s %-22s %-22s %-22s", "case", "PG +30 ms RTT", "PG loopback", "cached, PG +30 ms");
            ArrayNode cases = results.putArray("cases");
            double[][][] table = new double[CASES.size()][3][4];
            String[] settings = {"pg-30ms", "pg-loopback", "cached-pg-30ms"};
            for (int s = 0; s < 3; s++) {
                int port = s == 1 ? postgres.port() : proxy.port();
                try (GatewayProcess gateway = gateway(postgres, port, redis, s == 2, settings[s])) {
                    for (int c = 0; c < CASES.size(); c++) {
                        table[c][s] = saveAndLoad(gateway, CASES.get(c), c);
                    }
                    if (s == 0) {
                        roundTrips(gateway, proxy);
                    }
                }
            }
            for (int c = 0; c < CASES.size(); c++) {
                ObjectNode row = cases.addObject().put("case", CASES.get(c).name());
                StringBuilder cells = new StringBuilder();
                for (int s = 0; s < 3; s++) {
                    double[] t = table[c][s];
                    row.putObject(settings[s])
                            .put("save_median_ms", t[0])
                            .put("save_p99_ms", t[1])
                            .put("load_median_ms", t[2])
                            .put("load_p99_ms", t[3]);
                    cells.append(String.format(
                            Locale.ROOT,
                            "%-22s ",
                            String.format(Locale.ROOT, "%.1f/%.1f | %.1f/%.1f", t[0], t[1], t[2], t[3])));
                }
                line("%-34s %s  (save | load)", CASES.get(c).name(), cells);
            }
            throughput(postgres, redis);
            security(postgres, redis);
            flood();
        } finally {
            redis.stop();
            postgres.stop();
        }
    }

    /** Authentication and row-level security against their baseline ({@link SecurityBench}). */
    private void security(PostgresProcess postgres, RedisProcess redis) throws Exception {
        int repetitions = Integer.parseInt(System.getenv().getOrDefault("BENCH_REPS", "3"));
        ObjectNode small = document("unused", CASES.get(0));
        small.remove("id");
        line("");
        new SecurityBench()
                .run(
                        work,
                        seconds,
                        repetitions,
                        small.toString(),
                        (cache, secured, name) -> gateway(postgres, postgres.port(), redis, cache, name, secured),
                        results)
                .forEach(text -> line("%s", text));
    }

    /** Liveness idle and while flooded with maximum-size bodies ({@link FloodBench}). */
    private void flood() throws Exception {
        new FloodBench().run(work, seconds, results).forEach(text -> line("%s", text));
    }

    private GatewayProcess gateway(PostgresProcess postgres, int pgPort, RedisProcess redis, boolean cache, String name)
            throws Exception {
        return gateway(postgres, pgPort, redis, cache, name, true);
    }

    /**
     * A packaged gateway: secured (the bootstrap token of {@link TestCredential}, requests as the runtime role under
     * row-level security, migrations as the owner) or, for {@link SecurityBench}'s baseline, security off and the
     * superuser as the datasource.
     */
    private GatewayProcess gateway(
            PostgresProcess postgres, int pgPort, RedisProcess redis, boolean cache, String name, boolean secured)
            throws Exception {
        String db = "127.0.0.1:" + pgPort + "/postgres";
        List<String> settings = new java.util.ArrayList<>(List.of(
                "-Dquarkus.profile=prod",
                "-Dquarkus.datasource.reactive.url=postgresql://" + db,
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://" + db,
                "-Dquarkus.redis.hosts=" + redis.url(),
                "-Daicon.features.cache.enabled=" + cache,
                "-Daicon.features.gcs-offload.enabled=false",
                "-Daicon.store.file.dir=" + work.resolve(name),
                "-Dquarkus.log.level=WARN"));
        settings.addAll(SecurityBench.settings(secured));
        String extra = System.getenv().getOrDefault("BENCH_GATEWAY_OPTS", "").trim();
        if (!extra.isEmpty()) {
            settings.addAll(List.of(extra.split("\\s+")));
        }
        return GatewayProcess.start(settings, work.resolve(name + ".log")).awaitReady(http);
    }

    private static ObjectNode document(String id, Case c) {
        ObjectNode document = Fixtures.MAPPER
                .createObjectNode()
                .put("id", id)
                .put("name", "Bench " + c.name())
                .put("aicon_type", "bench");
        ObjectNode factors = document.putObject("state_factors");
        Random random = new Random(c.documentBytes());
        int samples = Math.max(1, c.documentBytes() / c.factors() / 20);
        for (int f = 0; f < c.factors(); f++) {
            ObjectNode factor = factors.putObject("f" + f)
                    .put("type", "continuous")
                    .put("distribution", "normal")
                    .put("value", 1.5);
            factor.putObject("params").put("loc", 1.5).put("scale", 0.5);
            ArrayNode values = factor.putArray("samples");
            for (int i = 0; i < samples; i++) {
                values.add(random.nextGaussian());
            }
        }
        return document;
    }

    /** Median and p99 of save, then of load, in milliseconds. */
    private double[] saveAndLoad(GatewayProcess gateway, Case c, int index) throws Exception {
        String id = "bench-" + index;
        String body = document(id, c).toString();
        byte[] brain = new byte[c.brainBytes()];
        new Random(7).nextBytes(brain);
        List<Double> saves = new ArrayList<>();
        List<Double> loads = new ArrayList<>();
        for (int round = -WARM_UP; round < rounds; round++) {
            long started = System.nanoTime();
            expect(
                    200,
                    201,
                    send(HttpRequest.newBuilder(gateway.uri("/v1/aicons/" + id))
                            .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(body))));
            if (brain.length > 0) {
                expect(
                        200,
                        201,
                        send(HttpRequest.newBuilder(gateway.uri("/v1/aicons/" + id + "/brain"))
                                .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                                .header("Content-Type", "application/octet-stream")
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(brain))));
            }
            double save = (System.nanoTime() - started) / 1e6;
            started = System.nanoTime();
            expect(
                    200,
                    200,
                    send(HttpRequest.newBuilder(gateway.uri("/v1/aicons/" + id))
                            .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)));
            if (brain.length > 0) {
                expect(
                        200,
                        200,
                        send(HttpRequest.newBuilder(gateway.uri("/v1/aicons/" + id + "/brain"))
                                .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)));
            }
            double load = (System.nanoTime() - started) / 1e6;
            if (round >= 0) {
                saves.add(save);
                loads.add(load);
            }
        }
        return new double[] {percentile(saves, 50), percentile(saves, 99), percentile(loads, 50), percentile(loads, 99)
        };
    }

    private void roundTrips(GatewayProcess gateway, LatencyProxy proxy) throws Exception {
        String body = document("bench-0", CASES.get(0)).toString();
        long before = proxy.roundTrips();
        for (int i = 0; i < 10; i++) {
            send(HttpRequest.newBuilder(gateway.uri("/v1/aicons/bench-0"))
                    .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)));
        }
        double documentSave = (proxy.roundTrips() - before) / 10.0;
        before = proxy.roundTrips();
        for (int i = 0; i < 10; i++) {
            send(HttpRequest.newBuilder(gateway.uri("/v1/aicons/bench-0/factors/f0"))
                    .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"type\":\"continuous\",\"value\":" + i + "}")));
        }
        double factorSave = (proxy.roundTrips() - before) / 10.0;
        results.putObject("database_round_trips")
                .put("document_save", documentSave)
                .put("factor_save", factorSave);
        line("");
        line("Database round trips through the proxy: document save %.1f, factor save %.1f", documentSave, factorSave);
        line("");
    }

    /** A wrk script: method and body, a path picked per request, and a pause between requests (0: none). */
    private Path script(String name, String method, Path body, String pathExpression, int delayMillis)
            throws Exception {
        StringBuilder lua = new StringBuilder("wrk.method = \"" + method + "\"\n");
        lua.append("wrk.headers[\"Authorization\"] = \"" + TestCredential.AUTHORIZATION + "\"\n");
        if (body != null) {
            lua.append("wrk.headers[\"Content-Type\"] = \"application/json\"\n")
                    .append("wrk.body = io.open(\"")
                    .append(body)
                    .append("\"):read(\"*a\")\n");
        }
        lua.append("request = function() return wrk.format(nil, ")
                .append(pathExpression)
                .append(") end\n");
        if (delayMillis > 0) {
            lua.append("delay = function() return ").append(delayMillis).append(" end\n");
        }
        Path script = work.resolve(name + "-" + delayMillis + ".lua");
        Files.writeString(script, lua.toString());
        return script;
    }

    /**
     * Saturation (32 connections, no pause), then about 500 and 2,000 requests per second: 6 or 24 connections
     * each pausing 10 ms between requests (the rate reached is reported as measured).
     */
    private Tools.Load[] loads(
            GatewayProcess gateway, AtomicLong maxRss, String name, String method, Path body, String pathExpression)
            throws Exception {
        String base = gateway.uri("/").toString();
        Tools.Load saturation = sampled(
                gateway, maxRss, () -> Tools.wrk(base, script(name, method, body, pathExpression, 0), 32, seconds));
        Tools.Load at500 = Tools.wrk(base, script(name, method, body, pathExpression, 10), 6, seconds);
        Tools.Load at2000 = Tools.wrk(base, script(name, method, body, pathExpression, 10), 24, seconds);
        return new Tools.Load[] {saturation, at500, at2000};
    }

    private void throughput(PostgresProcess postgres, RedisProcess redis) throws Exception {
        ObjectNode loads = results.putObject("load");
        Path factorBody = work.resolve("factor.json");
        Files.writeString(factorBody, "{\"type\":\"continuous\",\"value\":2.5}");
        ObjectNode small = document("unused", CASES.get(0));
        small.remove("id");
        Path documentBody = work.resolve("document.json");
        Files.writeString(documentBody, small.toString());
        line("Throughput at saturation (wrk, 32 connections) and latency at about 500 and 2,000 requests/s,");
        line(
                "10 KB AIcon, %d s per run; GETs read one AIcon, PUTs spread over 1,000 and factor PUTs over 100:",
                seconds);
        line(
                "%-20s %-12s %-26s %-26s %s",
                "request",
                "saturation",
                "p50/p99 @~500/s",
                "p50/p99 @~2000/s",
                "floor on the same machine (gateway / floor)");
        AtomicLong maxRss = new AtomicLong();
        Tools.Load httpFloor;
        try (GatewayProcess cached = gateway(postgres, postgres.port(), redis, true, "load-cached")) {
            createAll(cached, documentBody, "read", 1);
            httpFloor = Tools.wrk(
                    cached.uri("/").toString(),
                    script("http-floor", "GET", null, "\"/v1/admin/http-floor\"", 0),
                    32,
                    seconds);
            Tools.Load redisFloor = Tools.redisBenchmark(redis.port());
            report(
                    loads,
                    "cached GET",
                    loads(cached, maxRss, "cached-get", "GET", null, "\"/v1/aicons/read-1\""),
                    httpFloor,
                    "HTTP floor",
                    redisFloor,
                    "redis GET");
        }
        try (GatewayProcess uncached = gateway(postgres, postgres.port(), redis, false, "load-uncached")) {
            createAll(uncached, documentBody, "fload", 100);
            Tools.Load pgFloor = Tools.pgbench(
                    postgres.port(),
                    "SELECT a.version, a.attributes::text, "
                            + "(SELECT array_agg(f.body::text ORDER BY f.position) FROM aicon_factors f WHERE f.aicon_id = a.id) "
                            + "FROM aicons a WHERE a.id = 'read-1';",
                    work,
                    seconds);
            report(
                    loads,
                    "uncached GET",
                    loads(uncached, maxRss, "uncached-get", "GET", null, "\"/v1/aicons/read-1\""),
                    pgFloor,
                    "pgbench read",
                    httpFloor,
                    "HTTP floor");
            report(
                    loads,
                    "PUT",
                    loads(uncached, maxRss, "put", "PUT", documentBody, "\"/v1/aicons/put-\" .. math.random(1, 1000)"),
                    httpFloor,
                    "HTTP floor",
                    null,
                    null);
            report(
                    loads,
                    "single-factor PUT",
                    loads(
                            uncached,
                            maxRss,
                            "factor-put",
                            "PUT",
                            factorBody,
                            "\"/v1/aicons/fload-\" .. math.random(1, 100) .. \"/factors/f0\""),
                    httpFloor,
                    "HTTP floor",
                    null,
                    null);
        }
        results.put("max_rss_mb", maxRss.get() / 1024);
        line("");
        line("Gateway resident memory under saturation (max of samples, -Xmx256m): %d MB", maxRss.get() / 1024);
    }

    /** Stores the small document as {@code <prefix>-1 … <prefix>-<count>} (and read-1, which every run reads). */
    private void createAll(GatewayProcess gateway, Path documentBody, String prefix, int count) throws Exception {
        String body = Files.readString(documentBody);
        for (String id : java.util.stream.Stream.concat(
                        java.util.stream.Stream.of("read-1"),
                        java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> prefix + "-" + i))
                .toList()) {
            expect(
                    200,
                    201,
                    send(HttpRequest.newBuilder(gateway.uri("/v1/aicons/" + id))
                            .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(body))));
        }
    }

    private interface LoadRun {
        Tools.Load run() throws Exception;
    }

    /** Runs a load while sampling the gateway's resident set size (VmRSS, kB) every 250 ms. */
    private static Tools.Load sampled(GatewayProcess gateway, AtomicLong maxRss, LoadRun load) throws Exception {
        Path status = Path.of("/proc/" + gateway.process().pid() + "/status");
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmRSS:")) {
                            long kb = Long.parseLong(line.replaceAll("\\D", ""));
                            maxRss.accumulateAndGet(kb, Math::max);
                        }
                    }
                    // the sampling interval of the resident-size probe, not a wait for a condition
                    Thread.sleep(250);
                } catch (Exception e) {
                    return;
                }
            }
        });
        sampler.start();
        try {
            return load.run();
        } finally {
            sampler.interrupt();
        }
    }

    private void report(
            ObjectNode loads,
            String name,
            Tools.Load[] runs,
            Tools.Load floor,
            String floorName,
            Tools.Load second,
            String secondName) {
        Tools.Load saturation = runs[0];
        ObjectNode row = loads.putObject(name);
        row.put("saturation_rps", saturation.rps())
                .put("saturation_p50_ms", saturation.p50())
                .put("saturation_p99_ms", saturation.p99());
        String[] rates = {"at_500", "at_2000"};
        for (int i = 0; i < 2; i++) {
            row.putObject(rates[i])
                    .put("rps", runs[i + 1].rps())
                    .put("p50_ms", runs[i + 1].p50())
                    .put("p99_ms", runs[i + 1].p99());
        }
        row.putObject("floor")
                .put("name", floorName)
                .put("rps", floor.rps())
                .put("ratio", saturation.rps() / floor.rps());
        String floors =
                String.format(Locale.ROOT, "%s %.0f/s (%.2f)", floorName, floor.rps(), saturation.rps() / floor.rps());
        if (second != null) {
            row.putObject("second_floor")
                    .put("name", secondName)
                    .put("rps", second.rps())
                    .put("ratio", saturation.rps() / second.rps());
            floors += String.format(
                    Locale.ROOT, ", %s %.0f/s (%.2f)", secondName, second.rps(), saturation.rps() / second.rps());
        }
        line(
                "%-20s %-12s %-26s %-26s %s",
                name,
                String.format(Locale.ROOT, "%.0f/s", saturation.rps()),
                String.format(Locale.ROOT, "%.2f/%.2f ms (%.0f/s)", runs[1].p50(), runs[1].p99(), runs[1].rps()),
                String.format(Locale.ROOT, "%.2f/%.2f ms (%.0f/s)", runs[2].p50(), runs[2].p99(), runs[2].rps()),
                floors);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void expect(int low, int high, HttpResponse<byte[]> response) {
        if (response.statusCode() < low || response.statusCode() > high) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static double percentile(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private void line(String format, Object... args) {
        report.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}

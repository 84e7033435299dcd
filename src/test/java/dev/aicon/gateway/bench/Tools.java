package dev.aicon.gateway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the load and floor tools (wrk, redis-benchmark, pgbench) and reads their numbers. */
final class Tools {

    /** Requests per second, and p50 / p99 latency in milliseconds. */
    record Load(double rps, double p50, double p99) {}

    private Tools() {}

    static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    /**
     * wrk with {@code connections} connections on 2 threads for {@code seconds}, running {@code script} (which may
     * pick paths and pace requests); the result is what wrk measured, rate included.
     */
    static Load wrk(String url, Path script, int connections, int seconds) throws Exception {
        List<String> command =
                new java.util.ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        String out = run(command, seconds + 60);
        if (out.contains("Non-2xx or 3xx responses")) {
            throw new IllegalStateException("errors under load:\n" + out);
        }
        return new Load(number(out, "Requests/sec:\\s+([\\d.]+)"), wrkMillis(out, "50%"), wrkMillis(out, "99%"));
    }

    /** A wrk run that may see failures: its numbers, requests, non-2xx/3xx answers and socket timeouts. */
    record Counted(Load load, long requests, long errors, long timeouts) {}

    /** {@link #wrk}, but answers other than 2xx/3xx and timeouts are counted instead of failing the run. */
    static Counted wrkCounted(String url, Path script, int connections, int seconds) throws Exception {
        String out = run(
                List.of(
                        "wrk",
                        "-t2",
                        "-c" + connections,
                        "-d" + seconds + "s",
                        "--latency",
                        "-s",
                        script.toString(),
                        url),
                seconds + 60);
        Matcher errors = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        Matcher timeouts = Pattern.compile("timeout (\\d+)").matcher(out);
        return new Counted(
                new Load(number(out, "Requests/sec:\\s+([\\d.]+)"), wrkMillis(out, "50%"), wrkMillis(out, "99%")),
                (long) number(out, "(\\d+) requests in"),
                errors.find() ? Long.parseLong(errors.group(1)) : 0,
                timeouts.find() ? Long.parseLong(timeouts.group(1)) : 0);
    }

    static Load redisBenchmark(int port) throws Exception {
        String out = run(
                List.of(
                        "redis-benchmark",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port),
                        "-t",
                        "set,get",
                        "-d",
                        "10240",
                        "-n",
                        "100000",
                        "-c",
                        "32",
                        "-q"),
                120);
        Matcher get = Pattern.compile("GET: ([\\d.]+) requests per second, p50=([\\d.]+) msec")
                .matcher(out);
        if (!get.find()) {
            throw new IllegalStateException("no GET line in redis-benchmark output:\n" + out);
        }
        return new Load(Double.parseDouble(get.group(1)), Double.parseDouble(get.group(2)), Double.NaN);
    }

    /** pgbench running {@code sql} on 16 clients for {@code seconds}: transactions per second and mean latency. */
    static Load pgbench(int port, String sql, Path work, int seconds) throws Exception {
        Path script = work.resolve("point-read.sql");
        Files.writeString(script, sql + "\n");
        String out = run(
                List.of(
                        "pgbench",
                        "-n",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port),
                        "-U",
                        "postgres",
                        "-c",
                        "16",
                        "-j",
                        "2",
                        "-T",
                        Integer.toString(seconds),
                        "-f",
                        script.toString(),
                        "postgres"),
                seconds + 60);
        return new Load(number(out, "tps = ([\\d.]+)"), number(out, "latency average = ([\\d.]+) ms"), Double.NaN);
    }

    private static double wrkMillis(String out, String percentile) {
        Matcher m =
                Pattern.compile("\\s" + percentile + "\\s+([\\d.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + percentile + " in wrk output:\n" + out);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static double number(String out, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no match for " + pattern + " in:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }
}

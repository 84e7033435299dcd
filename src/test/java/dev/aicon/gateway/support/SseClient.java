package dev.aicon.gateway.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real SSE client over {@link HttpClient}: parses the stream as the SSE spec says (id, event, data, retry, comment
 * lines; a blank line ends an event) on a thread of its own and hands each event to a queue.
 */
public final class SseClient implements AutoCloseable {

    /** One received event; {@code id} is null when the server sent none. */
    public record Event(String id, String event, String data, Long retry) {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final int status;
    private final Map<String, String> headers = new HashMap<>();
    private volatile int comments;
    private volatile Long retry;
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.body = response.body();
        this.status = response.statusCode();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        Thread reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    public static SseClient connect(String url, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(5));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new SseClient(client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            Long retry = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null || retry != null) {
                        events.add(new Event(
                                id, event == null ? "message" : event, data == null ? null : data.toString(), retry));
                    }
                    id = null;
                    event = null;
                    retry = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments++;
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("retry: ")) {
                    retry = Long.parseLong(line.substring(7));
                    this.retry = retry;
                } else if (line.startsWith("data: ")) {
                    data = data == null
                            ? new StringBuilder(line.substring(6))
                            : data.append('\n').append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // the stream was closed
        } finally {
            ended = true;
        }
    }

    public int status() {
        return status;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase());
    }

    /** The next event that carries data (retry-only blocks are skipped), or null after the timeout. */
    public Event next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null || event.data() != null) {
                return event;
            }
        }
    }

    /** The next {@code count} data events; fails when they do not arrive in time. */
    public List<Event> take(int count, Duration timeout) throws InterruptedException {
        List<Event> taken = new ArrayList<>(count);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (taken.size() < count) {
            Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event == null) {
                throw new AssertionError(
                        "only " + taken.size() + " of " + count + " events arrived in " + timeout + ": " + taken);
            }
            taken.add(event);
        }
        return taken;
    }

    /** The last reconnect delay ({@code retry:}) the server sent, or null. */
    public Long retry() {
        return retry;
    }

    public int comments() {
        return comments;
    }

    public boolean ended() {
        return ended;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}

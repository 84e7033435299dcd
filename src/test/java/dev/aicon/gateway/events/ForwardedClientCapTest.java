package dev.aicon.gateway.events;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static dev.aicon.gateway.events.BoundedStreamsProfile.MAX_PER_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Behind a proxy, with {@code quarkus.http.proxy.proxy-address-forwarding} on: the per-client cap counts the
 * forwarded client address, so two clients behind the same proxy each get their own streams.
 */
@QuarkusTest
@TestProfile(ForwardedClientCapTest.ForwardingProfile.class)
class ForwardedClientCapTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PATH = "/v1/events?aicon_type=forwarded";

    /** {@link BoundedStreamsProfile} behind a proxy that sends {@code X-Forwarded-For}. */
    public static class ForwardingProfile extends BoundedStreamsProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("quarkus.http.proxy.proxy-address-forwarding", "true");
            config.put("quarkus.http.proxy.allow-x-forwarded", "true");
            return config;
        }
    }

    @Inject
    StreamSlots slots;

    @Test
    void theCapCountsTheForwardedClientNotTheProxy() throws Exception {
        RawStream[] streams = new RawStream[MAX_PER_CLIENT + 2];
        try {
            for (int i = 0; i < MAX_PER_CLIENT; i++) {
                streams[i] = RawStream.open("127.0.0.1", PATH, WAIT, "X-Forwarded-For: 203.0.113.9");
                assertEquals(200, streams[i].status, streams[i].body);
            }
            assertEquals(MAX_PER_CLIENT, slots.openBy("203.0.113.9"));
            assertEquals(0, slots.openBy("127.0.0.1"));

            streams[MAX_PER_CLIENT] = RawStream.open("127.0.0.1", PATH, WAIT, "X-Forwarded-For: 203.0.113.9");
            assertEquals(429, streams[MAX_PER_CLIENT].status);
            streams[MAX_PER_CLIENT + 1] = RawStream.open("127.0.0.1", PATH, WAIT, "X-Forwarded-For: 198.51.100.7");
            assertEquals(200, streams[MAX_PER_CLIENT + 1].status, "another client behind the same proxy");
        } finally {
            for (RawStream stream : streams) {
                if (stream != null) {
                    stream.close();
                }
            }
        }
        Awaitility.await("every slot is back").atMost(WAIT).until(() -> slots.open() == 0);
    }
}

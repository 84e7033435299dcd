package dev.aicon.gateway.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Spellings of a path (doubled slashes, dot segments, percent-encoded letters, dots and slashes, matrix
 * parameters, a probe path walked out of) get no further than the plain path: without a credential every one is
 * 401 (or 400; a spelling that stays inside the open probes their 404), never 200, and a reader's key reaches no operator route through any of them. Sent on a raw socket, so no
 * client normalizes the request target first.
 */
@QuarkusTest
@TestProfile(SecurityProfile.class)
class PathVariantsTest {

    private static final List<String> VARIANTS = List.of(
            "//v1/aicons/x",
            "/v1//aicons/x",
            "/v1/%61icons/x",
            "/./v1/aicons/x",
            "/v1/./aicons/x",
            "/v1/aicons/%2e%2e/admin/features",
            "/v1/aicons/x/%2e%2e/%2e%2e/admin/features",
            "/v1/aicons/x/..%2f..%2fadmin/features",
            "/v1/aicons/x/%2E%2E/%2E%2E/admin/journal",
            "/v1/admin;x=1/features",
            "/v1/admin/features;x=1",
            "/v1/admin//features",
            "/v1/admin/features/",
            "/v1/%2fadmin/features",
            "/V1/admin/features",
            "/v1/ADMIN/features",
            "/q/health/../../v1/admin/features",
            "/q/health/%2e%2e/%2e%2e/v1/admin/features",
            "/q/health/..;/..;/v1/admin/features",
            "/q/health/live/../../metrics",
            "/q/health/%2e%2e/metrics",
            "/q/health/..%2fmetrics",
            "/v1/aicons/x/brain/",
            "/v1/aicons/x/brain/..",
            "/v1/events/",
            "/v1/aicons:import/..",
            "/v1/aicons/x%00/brain");

    @Test
    void noSpellingOfAPathPassesWithoutACredential() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String target : VARIANTS) {
            int status = status("GET", target, null);
            // a spelling that stays inside the open probes (/q/health/..;) may be their 404, never anything else
            boolean staysInProbes = target.startsWith("/q/health/") && status == 404;
            if (status != 401 && status != 400 && !staysInProbes) {
                wrong.add("GET " + target + " without a credential: " + status);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void noSpellingOfAnOperatorPathLetsAReaderIn() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String target : VARIANTS) {
            boolean operatorPath =
                    target.toLowerCase(java.util.Locale.ROOT).contains("admin") || target.contains("metrics");
            int status = status("GET", target, FakeKeyDirectory.READER);
            if (operatorPath && status != 403 && status != 404 && status != 400) {
                wrong.add("GET " + target + " as a reader: " + status);
            }
            int delete = status("DELETE", target, FakeKeyDirectory.READER);
            if (delete == 200 || delete == 204) {
                wrong.add("DELETE " + target + " as a reader: " + delete);
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static int status(String method, String target, @Nullable String key) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), RestAssured.port), 5000);
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            if (key != null) {
                request.append("Authorization: Bearer ").append(key).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                line.write(b);
            }
            String statusLine = line.toString(StandardCharsets.US_ASCII).trim();
            if (statusLine.isEmpty()) {
                return 400; // the server closed the connection on a request it would not parse
            }
            return Integer.parseInt(statusLine.split(" ", 3)[1]);
        }
    }
}

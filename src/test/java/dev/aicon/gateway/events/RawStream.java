package dev.aicon.gateway.events;

import dev.aicon.gateway.support.TestCredential;
import io.restassured.RestAssured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One GET over a plain socket bound to {@code from}, so the gateway sees that client address: the status and
 * headers are read; the body too when it is a problem (a stream's body is left to {@link #rest()}).
 */
final class RawStream implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    final int status;
    final Map<String, String> headers = new HashMap<>();
    final String body;

    private RawStream(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        String[] statusLine = line().split(" ");
        this.status = Integer.parseInt(statusLine[1]);
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(
                    header.substring(0, colon).trim().toLowerCase(),
                    header.substring(colon + 1).trim());
        }
        this.body = status == 200
                ? null
                : new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
    }

    static RawStream open(String from, String path, Duration timeout, String... extraHeaders) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), RestAssured.port));
        socket.setSoTimeout((int) timeout.toMillis());
        StringBuilder request =
                new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "Accept: text/event-stream\r\n"
                        + TestCredential.HEADER + ": " + TestCredential.AUTHORIZATION + "\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new RawStream(socket);
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the connection closed mid-line");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** The rest of a stream's body, up to the gateway closing it. */
    String rest() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

package dev.aicon.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 in front of a Redis that keeps its data, which a test turns into a failing Redis: it can
 * cut every connection and refuse new ones ({@link #refuse()}), or cut only the connections on which a command
 * containing some text is sent, before it reaches Redis ({@link #dropCommandsContaining(String)}).
 */
public final class RedisFaultProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean refusing;
    private volatile byte[] dropped;

    public RedisFaultProxy(int targetPort) throws IOException {
        this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::accept, "redis-fault-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Cuts every connection and every new one until {@link #pass()}. */
    public void refuse() {
        refusing = true;
        Set.copyOf(open).forEach(this::closeQuietly);
    }

    /** Cuts a connection as soon as its client sends a command containing {@code text}, which Redis never sees. */
    public void dropCommandsContaining(String text) {
        dropped = text.getBytes(StandardCharsets.UTF_8);
    }

    /** Passes everything again. */
    public void pass() {
        refusing = false;
        dropped = null;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (refusing) {
                    client.close();
                    continue;
                }
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                open.add(client);
                open.add(target);
                pipe(client, target, true);
                pipe(target, client, false);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean fromClient) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[64 * 1024];
                    try {
                        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                            byte[] drop = dropped;
                            if (refusing || (fromClient && drop != null && contains(buffer, n, drop))) {
                                break;
                            }
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException ignored) {
                        // the connection closed
                    }
                    closeQuietly(from);
                    closeQuietly(to);
                },
                "redis-fault-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static boolean contains(byte[] buffer, int length, byte[] text) {
        outer:
        for (int i = 0; i + text.length <= length; i++) {
            for (int j = 0; j < text.length; j++) {
                if (buffer[i + j] != text[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Set.copyOf(open).forEach(this::closeQuietly);
    }
}

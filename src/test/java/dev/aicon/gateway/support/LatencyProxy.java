package dev.aicon.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 that delays every byte by {@code oneWayMillis} in each direction (so a round trip costs
 * twice that) and counts round trips: a client-to-server burst after a server-to-client one starts a new one.
 * It stands in for {@code tc netem}, which these machines' kernels lack; with no delay it only counts.
 */
public final class LatencyProxy implements AutoCloseable {

    private record Chunk(long due, byte[] bytes) {}

    private final ServerSocket server;
    private final int targetPort;
    private final long oneWayNanos;
    private final AtomicLong roundTrips = new AtomicLong();

    public LatencyProxy(int targetPort, long oneWayMillis) throws IOException {
        this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.oneWayNanos = oneWayMillis * 1_000_000;
        Thread acceptor = new Thread(this::accept, "latency-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public long roundTrips() {
        return roundTrips.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                boolean[] lastWasResponse = {true};
                pipe(client, target, () -> {
                    synchronized (lastWasResponse) {
                        if (lastWasResponse[0]) {
                            roundTrips.incrementAndGet();
                            lastWasResponse[0] = false;
                        }
                    }
                });
                pipe(target, client, () -> {
                    synchronized (lastWasResponse) {
                        lastWasResponse[0] = true;
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * Reader thread stamps each chunk with its due time; writer thread sends it then, so bursts are not delayed twice.
     */
    private void pipe(Socket from, Socket to, Runnable onChunk) throws IOException {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    onChunk.run();
                    queue.put(new Chunk(System.nanoTime() + oneWayNanos, java.util.Arrays.copyOf(buffer, n)));
                }
            } catch (IOException | InterruptedException ignored) {
                // the connection closed
            }
            queue.add(new Chunk(0, null));
        });
        Thread writer = new Thread(() -> {
            try {
                while (true) {
                    Chunk chunk = queue.take();
                    if (chunk.bytes() == null) {
                        to.shutdownOutput();
                        return;
                    }
                    long wait = chunk.due() - System.nanoTime();
                    if (wait > 0) {
                        // the injected latency itself: each chunk leaves when it is due
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException ignored) {
                // the connection closed
            }
        });
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

package dev.aicon.gateway.support;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A real redis-server (embedded from Maven) on 127.0.0.1 that a test can stop and start again on its port. */
public final class RedisProcess {

    private final int port;
    private RedisServer server;

    public RedisProcess() {
        this.port = freePort();
    }

    public synchronized RedisProcess start() {
        try {
            server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server did not start on port " + port, e);
        }
        return this;
    }

    public synchronized void stop() {
        try {
            if (server != null) {
                server.stop();
                server = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.aicon.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@link FaultServices} with the gateway reaching Redis through a {@link RedisFaultProxy}, so a test can make Redis
 * fail for the gateway while it keeps its data.
 */
public class ProxiedRedisServices extends FaultServices {

    private static RedisFaultProxy proxy;

    public static RedisFaultProxy proxy() {
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        try {
            proxy = new RedisFaultProxy(redis().port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put("quarkus.redis.hosts", "redis://127.0.0.1:" + proxy.port());
        return config;
    }

    @Override
    public void stop() {
        try {
            proxy.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        super.stop();
    }
}

package dev.aicon.gateway.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link OutageProfile}'s short timeouts, with Redis behind a {@link RedisFaultProxy} and a journal of its own. */
public class ProxiedRedisProfile extends OutageProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put(
                "aicon.journal.dir",
                "target/test-data/proxied-redis-journal-"
                        + ProcessHandle.current().pid());
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ProxiedRedisServices.class));
    }
}

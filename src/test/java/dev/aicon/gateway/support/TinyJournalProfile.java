package dev.aicon.gateway.support;

import java.util.HashMap;
import java.util.Map;

/** The outage profile with a journal too small for even one write. */
public class TinyJournalProfile extends OutageProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("aicon.journal.max-bytes", "512");
        config.put(
                "aicon.journal.dir",
                "target/test-data/tiny-journal-" + ProcessHandle.current().pid());
        return config;
    }
}

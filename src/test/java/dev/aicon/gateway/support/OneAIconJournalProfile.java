package dev.aicon.gateway.support;

import java.util.HashMap;
import java.util.Map;

/** The outage profile with a journal that takes the writes of one AIcon only ({@code aicon.journal.max-aicons=1}). */
public class OneAIconJournalProfile extends OutageProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("aicon.journal.max-aicons", "1");
        config.put(
                "aicon.journal.dir",
                "target/test-data/one-aicon-journal-" + ProcessHandle.current().pid());
        return config;
    }
}

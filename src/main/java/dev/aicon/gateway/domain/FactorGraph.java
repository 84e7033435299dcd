package dev.aicon.gateway.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The factor-dependency graph of one AIcon: references must resolve and the graph must be acyclic. */
public final class FactorGraph {

    private final Map<String, List<String>> dependsOn;

    public FactorGraph(Map<String, List<String>> dependsOn) {
        this.dependsOn = new LinkedHashMap<>(dependsOn);
    }

    /** Names of the factors that depend on {@code name}. */
    public List<String> dependentsOf(String name) {
        return dependsOn.entrySet().stream().filter(e -> e.getValue().contains(name)).map(Map.Entry::getKey).toList();
    }

    void check(Violations violations) {
        dependsOn.forEach((name, targets) -> {
            for (int i = 0; i < targets.size(); i++) {
                if (!dependsOn.containsKey(targets.get(i))) {
                    violations.add(fieldOf(name) + "[" + i + "]", "refers to unknown factor '" + targets.get(i) + "'");
                }
            }
        });
        Map<String, Integer> state = new HashMap<>();
        for (String start : dependsOn.keySet()) {
            List<String> cycle = findCycle(start, state, new ArrayList<>());
            if (cycle != null) {
                violations.add(fieldOf(cycle.get(0)), "dependency cycle: " + String.join(" -> ", cycle));
                return;
            }
        }
    }

    private static final int VISITING = 1;
    private static final int DONE = 2;

    private List<String> findCycle(String node, Map<String, Integer> state, List<String> path) {
        Integer mark = state.get(node);
        if (mark != null && mark == DONE) {
            return null;
        }
        if (mark != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, VISITING);
        path.add(node);
        for (String next : dependsOn.getOrDefault(node, List.of())) {
            if (dependsOn.containsKey(next)) {
                List<String> cycle = findCycle(next, state, path);
                if (cycle != null) {
                    return cycle;
                }
            }
        }
        path.remove(path.size() - 1);
        state.put(node, DONE);
        return null;
    }

    private static String fieldOf(String factor) {
        return AIcon.FACTORS + "." + factor + ".relationships.depends_on";
    }
}

package dev.aicon.gateway.domain;

import org.jspecify.annotations.Nullable;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The factor-dependency graph of one AIcon: references must resolve and the graph must be acyclic. Every check is one
 * pass over the factors and their references, with an explicit stack, so a long chain costs no call depth.
 */
public final class FactorGraph {

    private static final int VISITING = 1;
    private static final int DONE = 2;

    private final Map<String, List<String>> dependsOn;

    public FactorGraph(Map<String, List<String>> dependsOn) {
        this.dependsOn = new LinkedHashMap<>(dependsOn);
    }

    /** Names of the factors that depend on {@code name}. */
    public List<String> dependentsOf(String name) {
        return dependsOn.entrySet().stream()
                .filter(e -> e.getValue().contains(name))
                .map(Map.Entry::getKey)
                .toList();
    }

    void check(Violations violations) {
        dependsOn.forEach((name, targets) -> {
            for (int i = 0; i < targets.size(); i++) {
                if (!dependsOn.containsKey(targets.get(i))) {
                    violations.add(
                            fieldOf(name) + "[" + i + "]",
                            "refers to unknown factor '" + StorableText.shown(targets.get(i)) + "'");
                }
            }
        });
        Map<String, Integer> state = new HashMap<>();
        for (String start : dependsOn.keySet()) {
            List<String> cycle = findCycle(start, state);
            if (cycle != null) {
                violations.add(
                        fieldOf(cycle.get(0)),
                        "dependency cycle: "
                                + String.join(
                                        " -> ",
                                        cycle.stream().map(StorableText::shown).toList()));
                return;
            }
        }
    }

    /** A depth-first walk from {@code start}: the first cycle met (its first name repeated at its end), or null. */
    private @Nullable List<String> findCycle(String start, Map<String, Integer> state) {
        if (state.containsKey(start)) {
            return null;
        }
        Deque<Step> stack = new ArrayDeque<>();
        List<String> path = new ArrayList<>();
        Map<String, Integer> onPath = new HashMap<>();
        enter(start, stack, path, onPath, state);
        while (!stack.isEmpty()) {
            Step step = stack.peek();
            List<String> targets = Objects.requireNonNull(dependsOn.get(step.name));
            if (step.next < targets.size()) {
                String target = targets.get(step.next++);
                Integer mark = state.get(target);
                if (!dependsOn.containsKey(target) || (mark != null && mark == DONE)) {
                    continue;
                }
                if (mark != null) {
                    List<String> cycle =
                            new ArrayList<>(path.subList(Objects.requireNonNull(onPath.get(target)), path.size()));
                    cycle.add(target);
                    return cycle;
                }
                enter(target, stack, path, onPath, state);
            } else {
                stack.pop();
                onPath.remove(path.remove(path.size() - 1));
                state.put(step.name, DONE);
            }
        }
        return null;
    }

    private static void enter(
            String name,
            Deque<Step> stack,
            List<String> path,
            Map<String, Integer> onPath,
            Map<String, Integer> state) {
        state.put(name, VISITING);
        onPath.put(name, path.size());
        path.add(name);
        stack.push(new Step(name));
    }

    private static final class Step {
        private final String name;
        private int next;

        private Step(String name) {
            this.name = name;
        }
    }

    private static String fieldOf(String factor) {
        return AIcon.FACTORS + "." + StorableText.shown(factor) + ".relationships.depends_on";
    }
}

package dev.aicon.gateway.domain;

import java.util.List;
import java.util.Optional;

/** A real-valued factor: finite value, positive scale, value within its bounds. */
public record ContinuousFactor(Optional<Double> value, List<String> dependsOn) implements Factor {

    static ContinuousFactor read(FactorFields f) {
        Optional<Double> value = f.number("value");
        f.number("params.scale").filter(scale -> scale <= 0).ifPresent(s -> f.violation("params.scale", "must be > 0"));
        f.checkConstraintsObject();
        Optional<Double> lower = f.number("constraints.lower");
        Optional<Double> upper = f.number("constraints.upper");
        value.ifPresent(v -> {
            lower.filter(l -> v < l).ifPresent(l -> f.violation("value", "must be >= constraints.lower (" + l + ")"));
            upper.filter(u -> v > u).ifPresent(u -> f.violation("value", "must be <= constraints.upper (" + u + ")"));
        });
        return new ContinuousFactor(value, f.dependsOn());
    }
}

package dev.aicon.gateway.domain;

import java.util.List;
import java.util.Optional;

/** A real-valued factor: finite value, positive scale, value within its bounds. */
public record ContinuousFactor(Optional<Double> value, List<String> dependsOn) implements Factor {

    static ContinuousFactor read(FactorFields f) {
        Optional<Double> value = f.number("value");
        f.number("params.scale").filter(scale -> scale <= 0).ifPresent(s -> f.violation("params.scale", "must be > 0"));
        f.checkConstraints(value);
        return new ContinuousFactor(value, f.dependsOn());
    }
}

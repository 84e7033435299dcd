package dev.aicon.gateway.api;

import dev.aicon.gateway.domain.Violation;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types Jackson serializes by reflection outside JAX-RS return types (which Quarkus registers by itself): the
 * problem bodies written by the brain routes and the exception mappers, and the violations inside them. Without
 * this a native image would write them as empty objects.
 */
@RegisterForReflection(targets = {Problem.class, Violation.class})
final class NativeReflection {

    private NativeReflection() {}
}

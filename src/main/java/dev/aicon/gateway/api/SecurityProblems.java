package dev.aicon.gateway.api;

import dev.aicon.gateway.failure.FailureKind;
import dev.aicon.gateway.security.RefusalAnswers;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The 401, 403, 421 and 400 answers of the security checks, as problems like every other answer of the gateway
 * ({@code application/problem+json}, {@code urn:aicon:problem:unauthenticated}, {@code …:forbidden}, …), for
 * JAX-RS and Vert.x routes alike (the checks run before either).
 */
@ApplicationScoped
public class SecurityProblems implements RefusalAnswers {

    private final Problems problems;

    SecurityProblems(Problems problems) {
        this.problems = problems;
    }

    @Override
    public void refuse(RoutingContext context, FailureKind kind, String detail) {
        problems.send(context, Problem.of(kind, detail, context.request().path()), null);
    }
}

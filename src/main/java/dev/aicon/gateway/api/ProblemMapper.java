package dev.aicon.gateway.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jspecify.annotations.Nullable;

/**
 * Every failure of a JAX-RS resource becomes an {@code application/problem+json} answer, decided by {@link Problems}.
 */
public class ProblemMapper {

    private final Problems problems;

    ProblemMapper(Problems problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.ResponseBuilder answer =
                Problem.of(status, "http-" + status, e.getMessage(), path(uri)).response();
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(value -> answer.header(name, value));
            }
        });
        return answer.build();
    }

    @ServerExceptionMapper
    public Response failure(Throwable e, UriInfo uri) {
        Problem problem = problems.of(e, path(uri));
        Response.ResponseBuilder answer = problem.response();
        Integer retryAfter = problems.retryAfter(problem);
        if (retryAfter != null) {
            answer.header("Retry-After", retryAfter);
        }
        return answer.build();
    }

    private static @Nullable String path(@Nullable UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }
}

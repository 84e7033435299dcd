package dev.aicon.gateway.support;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * The tests' operator credential: the {@code %test} bootstrap token (obviously not a secret). Registered in
 * META-INF/services as a {@link QuarkusTestBeforeEachCallback}, it makes every RestAssured request of every
 * {@code @QuarkusTest} carry {@code Authorization: Bearer <token>} unless the request sets that header itself (a
 * static filter, so it works whatever specification a test uses); {@link #WITHOUT} removes it for a request. Tests on
 * raw HTTP clients add {@link #AUTHORIZATION} themselves, and the packaged-gateway ITs pass {@link #TOKEN} as
 * {@code AICON_SECURITY_BOOTSTRAP_TOKEN}.
 */
public final class TestCredential implements QuarkusTestBeforeEachCallback {

    /** The same value as {@code %test.aicon.security.bootstrap-token} in application.properties. */
    public static final String TOKEN = "test-only-bootstrap-token-not-a-secret";

    public static final String HEADER = "Authorization";
    public static final String AUTHORIZATION = "Bearer " + TOKEN;

    /** Adds the default credential to a request that has none; runs before every other filter. */
    static final Filter DEFAULT = new OrderedFilter() {
        @Override
        public Response filter(
                FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext ctx) {
            if (!request.getHeaders().hasHeaderWithName(HEADER)) {
                request.header(HEADER, AUTHORIZATION);
            }
            return ctx.next(request, response);
        }

        @Override
        public int getOrder() {
            return HIGHEST_PRECEDENCE;
        }
    };

    /** A request filter that sends the request with no credential at all: {@code given().filter(WITHOUT)}. */
    public static final Filter WITHOUT = (request, response, ctx) -> {
        request.removeHeader(HEADER);
        return ctx.next(request, response);
    };

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!RestAssured.filters().contains(DEFAULT)) {
            RestAssured.filters(DEFAULT);
        }
    }
}

package dev.aicon.gateway.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An opaque bearer token: a bootstrap token or an API key. {@link #toString()} never shows it. */
final class BearerTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    BearerTokenRequest(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }

    @Override
    public String toString() {
        return "BearerTokenRequest[token hidden]";
    }
}

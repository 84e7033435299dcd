package dev.aicon.gateway.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token shaped like a JWT, while JWTs are configured. {@link #toString()} never shows it. */
final class JwtRequest extends BaseAuthenticationRequest {

    private final String token;

    JwtRequest(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }

    @Override
    public String toString() {
        return "JwtRequest[token hidden]";
    }
}

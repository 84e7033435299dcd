package dev.aicon.gateway.security;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The security tests' gateway: the in-memory key directory and audit trail, a second bootstrap token, JWTs from
 * {@link TestJwts}' key, and one allowed origin.
 */
public class SecurityProfile implements QuarkusTestProfile {

    static final String NEXT_BOOTSTRAP = "test-only-next-bootstrap-token-not-a-secret";
    static final String ALLOWED_ORIGIN = "https://console.example.invalid";

    @Override
    public Map<String, String> getConfigOverrides() {
        TestJwts.ensureKeys();
        return Map.of(
                "quarkus.arc.selected-alternatives",
                FakeKeyDirectory.class.getName() + "," + RecordingAuditTrail.class.getName(),
                "aicon.security.bootstrap-token-next",
                NEXT_BOOTSTRAP,
                "aicon.security.jwt.jwks-location",
                TestJwts.JWKS.toAbsolutePath().toString(),
                "aicon.security.jwt.issuer",
                TestJwts.ISSUER,
                "aicon.security.jwt.audience",
                TestJwts.AUDIENCE,
                "aicon.security.allowed-origins",
                ALLOWED_ORIGIN,
                "aicon.store.file.dir",
                "target/test-data/security-store");
    }
}

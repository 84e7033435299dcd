package dev.aicon.gateway.controlplane;

/**
 * A key just issued: its stored record and the key itself, which is shown to the caller once and never kept. Its
 * {@link #toString()} leaves the key out, so it cannot reach a log by accident.
 */
public record IssuedKey(ApiKeyRecord record, String key) {

    @Override
    public String toString() {
        return "IssuedKey[" + record.keyId() + " of " + record.tenant() + "]";
    }
}

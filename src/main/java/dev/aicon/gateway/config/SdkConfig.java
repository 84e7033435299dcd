package dev.aicon.gateway.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** {@code aicon.sdk.*}: import of the state files the AIcon SDK writes. */
@ConfigMapping(prefix = "aicon.sdk")
public interface SdkConfig {

    /**
     * The directory tree {@code POST /v1/admin/sdk-import} may read from; unset (the default) turns that endpoint
     * off, so the gateway never reads its machine's files on a client's say.
     */
    Optional<String> importRoot();
}

package dev.aicon.gateway.security;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aicon.gateway.config.SecurityConfig;
import dev.aicon.gateway.controlplane.ApiKeyDirectory;
import dev.aicon.gateway.controlplane.ApiKeyRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Optional;

/**
 * API keys, looked up by the SHA-256 of the presented key through {@link ApiKeyDirectory#findByHash} and kept for
 * {@code aicon.security.api-key-cache-ttl} (found or not), so a revoke is refused on every replica within that time
 * while a busy key costs one lookup per replica and period. Keys are cached by hash, never by secret. No directory
 * (a gateway without its control plane): no key authenticates.
 */
@ApplicationScoped
public class ApiKeys {

    private final Instance<ApiKeyDirectory> directories;
    private final AsyncCache<String, Optional<ApiKeyRecord>> lookups;

    ApiKeys(Instance<ApiKeyDirectory> directories, SecurityConfig config) {
        this.directories = directories;
        this.lookups = Caffeine.newBuilder()
                .expireAfterWrite(config.apiKeyCacheTtl())
                .maximumSize(config.apiKeyCacheSize())
                .buildAsync();
    }

    boolean available() {
        return directories.isResolvable();
    }

    /** The stored key whose hash is {@code sha256Hex}, revoked and expired ones included. */
    Uni<Optional<ApiKeyRecord>> find(String sha256Hex) {
        if (!available()) {
            return Uni.createFrom().item(Optional.empty());
        }
        ApiKeyDirectory directory = directories.get();
        return Uni.createFrom().deferred(() -> {
            Uni<Optional<ApiKeyRecord>> lookup = Uni.createFrom()
                    .completionStage(() -> lookups.get(
                            sha256Hex,
                            (hash, executor) -> directory.findByHash(hash).subscribeAsCompletionStage()));
            // One lookup serves every request waiting for the same key and completes on the directory's own context
            // (a worker thread or Hibernate Reactive's context): each request goes on from its own, where its
            // request scope lives.
            Context caller = Vertx.currentContext();
            return caller == null ? lookup : lookup.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }

    /** Forgets every lookup (tests; a revoke made on this replica). */
    public void forgetAll() {
        lookups.synchronous().invalidateAll();
    }
}

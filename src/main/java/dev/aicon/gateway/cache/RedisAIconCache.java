package dev.aicon.gateway.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.config.CacheConfig;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.resilience.BackendGuard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.util.Optional;


/**
 * Redis as the read-through cache. A value is {@code v:<version>:<document>} or, after a delete,
 * {@code d:<next version>}. Accepted writes go through a Lua compare-and-set that only moves an entry forward in
 * version; fills after a store read only land on an empty key. Every call runs under the cache's breaker; a
 * failure is a miss for reads and a logged warning for writes.
 */
public class RedisAIconCache implements AIconCache {

    /**
     * KEYS[1] key; ARGV[1] new version, ARGV[2] value, ARGV[3] ttl ms. Versions continue across a delete, so a
     * re-create (version N+2) moves forward past the delete marker (N+1) like any other write.
     */
    private static final String FORWARD_ONLY_SET = """
            local current = redis.call('GET', KEYS[1])
            local incoming = tonumber(ARGV[1])
            if current then
              local version = tonumber(string.match(current, '^[vd]:(%d+)'))
              if version and version >= incoming then
                return 0
              end
            end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1""";

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final CacheConfig config;
    private final ObjectMapper mapper;
    private final BackendGuard guard;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;

    public RedisAIconCache(ReactiveRedisDataSource redis, CacheConfig config, ObjectMapper mapper, BackendGuard guard,
            MeterRegistry registry) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.config = config;
        this.mapper = mapper;
        this.guard = guard;
        this.hits = registry.counter("aicon.cache.requests", "result", "hit");
        this.misses = registry.counter("aicon.cache.requests", "result", "miss");
        this.errors = registry.counter("aicon.cache.requests", "result", "error");
    }

    @Override
    public Uni<CacheLookup> get(String id) {
        return guard.read(() -> values.get(key(id))).map(value -> decode(id, value))
                .onItem().invoke(lookup -> (lookup instanceof CacheLookup.Miss ? misses : hits).increment())
                .onFailure().recoverWithItem(e -> {
                    errors.increment();
                    Log.debugf("cache read of %s failed (%s); reading the store", id, e.toString());
                    return CacheLookup.MISS;
                });
    }

    @Override
    public Uni<Optional<RawDocument>> getRaw(String id) {
        return guard.read(() -> values.get(key(id))).map(RedisAIconCache::raw)
                .onItem().invoke(raw -> (raw.isPresent() ? hits : misses).increment())
                .onFailure().recoverWithItem(e -> {
                    errors.increment();
                    return Optional.empty();
                });
    }

    private static Optional<RawDocument> raw(String value) {
        if (value == null || !value.startsWith("v:")) {
            return Optional.empty();
        }
        int json = value.indexOf(':', 2);
        return Optional.of(new RawDocument(Long.parseLong(value.substring(2, json)), value.substring(json + 1)));
    }

    @Override
    public Uni<Void> fill(AIcon aicon) {
        SetArgs onlyIfAbsent = new SetArgs().nx().px(config.ttl());
        return quietly("fill", aicon.id(), guard.write(() -> values.set(key(aicon.id()), encode(aicon), onlyIfAbsent)));
    }

    @Override
    public Uni<Void> refresh(AIcon aicon) {
        return forward(aicon.id(), aicon.version(), encode(aicon));
    }

    @Override
    public Uni<Void> deleted(String id, long lastVersion) {
        return forward(id, lastVersion + 1, "d:" + (lastVersion + 1));
    }

    @Override
    public Uni<Void> evict(String id) {
        return quietly("evict", id, guard.write(() -> redis.key(String.class).del(key(id)).replaceWithVoid()));
    }

    @Override
    public Uni<String> status() {
        return guard.read(() -> redis.execute("PING")).replaceWith("UP").onFailure().recoverWithItem("DOWN");
    }

    @Override
    public String breakerState() {
        return guard.state().name();
    }

    private Uni<Void> forward(String id, long version, String value) {
        return quietly("write", id, guard.write(() -> redis.execute("EVAL", FORWARD_ONLY_SET, "1", key(id),
                Long.toString(version), value, Long.toString(config.ttl().toMillis())).replaceWithVoid()));
    }

    private Uni<Void> quietly(String operation, String id, Uni<Void> call) {
        return call.onFailure().recoverWithUni(e -> {
            errors.increment();
            if (e instanceof CircuitBreakerOpenException) {
                return Uni.createFrom().voidItem();
            }
            Log.warnf("cache %s of AIcon %s failed (%s); the entry expires within %s", operation, id, e.toString(),
                    config.ttl());
            return Uni.createFrom().voidItem();
        });
    }

    private String key(String id) {
        return config.keyPrefix() + id;
    }

    private String encode(AIcon aicon) {
        try {
            return "v:" + aicon.version() + ":" + mapper.writeValueAsString(aicon.toDocument());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("document of " + aicon.id() + " cannot be written as JSON", e);
        }
    }

    private CacheLookup decode(String id, String value) {
        if (value == null) {
            return CacheLookup.MISS;
        }
        if (value.startsWith("d:")) {
            return new CacheLookup.Deleted();
        }
        int json = value.indexOf(':', 2);
        try {
            ObjectNode document = (ObjectNode) mapper.readTree(value.substring(json + 1));
            long version = document.path(AIcon.VERSION).asLong();
            String updatedAt = document.path(AIcon.UPDATED_AT).asText(null);
            return new CacheLookup.Hit(AIcon.fromDocument(id, document).stamped(version, updatedAt));
        } catch (JsonProcessingException | ClassCastException | StringIndexOutOfBoundsException e) {
            Log.warnf("cache entry of %s is unreadable; reading the store", id);
            return CacheLookup.MISS;
        }
    }
}

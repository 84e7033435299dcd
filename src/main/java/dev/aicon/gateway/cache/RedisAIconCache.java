package dev.aicon.gateway.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.config.CacheConfig;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconKey;
import dev.aicon.gateway.domain.JsonText;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.resilience.BackendGuard;
import dev.aicon.gateway.work.BlockingWork;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Redis as the read-through cache. A value is {@code v:<version>:<document>} or, after a delete,
 * {@code d:<next version>}. Accepted writes go through a Lua compare-and-set that only moves an entry forward in
 * version; fills after a store read only land on an empty key. Every call runs under the cache's breaker; a
 * failure is a miss for reads.
 * <p>
 * Every entry key names a cache generation, {@code <prefix><generation>:<id>}, and the current one is the value of
 * {@code <prefix>generation}. A read fetches both in one {@code MGET} and uses the entry only when its generation
 * is current, so once the generation is bumped no replica reads an older entry again. An accepted write's update
 * lands only in the current generation (checked inside the script). When it does not land, the id is a
 * {@link MissedInvalidations missed invalidation}: this gateway reads it from the store, and bumps the generation
 * before acknowledging, or, when Redis does not answer, as soon as it does. A fill lands only in the generation
 * the miss before its store read saw, so a store read older than a bump cannot fill the new generation.
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

    /** KEYS[2] generation key, ARGV[4] the generation of KEYS[1]; put before a script that must not run in an
     * abandoned generation, it answers {@code [current generation]} ({@code ""} when there is none) instead. */
    private static final String IN_GENERATION = """
            local generation = redis.call('GET', KEYS[2])
            if generation ~= ARGV[4] then
              return {generation or ''}
            end
            """;

    /**
     * KEYS[1] generation key; ARGV[1] the time in ms. The next generation is at least the time, so generations
     * stay unique when Redis loses its data and with it the generation key.
     */
    private static final String BUMP = """
            local next = math.max(tonumber(redis.call('GET', KEYS[1]) or '0') + 1, tonumber(ARGV[1]))
            redis.call('SET', KEYS[1], string.format('%d', next))
            return next""";

    private static final long NONE = -1;

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final CacheConfig config;
    private final ObjectMapper mapper;
    private final BackendGuard guard;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    private final MissedInvalidations missed;
    private final Duration bumpTimeout;
    private final String generationKey;
    private final AtomicLong generation = new AtomicLong(NONE);
    private final AtomicBoolean bumping = new AtomicBoolean();

    public RedisAIconCache(
            ReactiveRedisDataSource redis,
            CacheConfig config,
            ObjectMapper mapper,
            BackendGuard guard,
            MeterRegistry registry,
            MissedInvalidations missed,
            Duration bumpTimeout) {
        this.redis = redis;
        this.missed = missed;
        this.bumpTimeout = bumpTimeout;
        this.generationKey = config.keyPrefix() + "generation";
        this.values = redis.value(String.class);
        this.config = config;
        this.mapper = mapper;
        this.guard = guard;
        this.hits = registry.counter("aicon.cache.requests", "result", "hit");
        this.misses = registry.counter("aicon.cache.requests", "result", "miss");
        this.errors = registry.counter("aicon.cache.requests", "result", "error");
    }

    @Override
    public Uni<CacheLookup> get(TenantId tenant, String aiconId) {
        AIconKey id = AIconKey.of(tenant, aiconId);
        if (missed.bypass(id)) {
            misses.increment();
            return Uni.createFrom().item(CacheLookup.MISS);
        }
        return current(id)
                .map(entry -> decode(id, entry))
                .onItem()
                .invoke(lookup -> (lookup instanceof CacheLookup.Miss ? misses : hits).increment())
                .onFailure()
                .recoverWithItem(e -> {
                    errors.increment();
                    Log.debugf("cache read of %s failed (%s); reading the store", id, e.toString());
                    return CacheLookup.MISS;
                });
    }

    @Override
    public Uni<Optional<RawDocument>> getRaw(TenantId tenant, String aiconId) {
        AIconKey id = AIconKey.of(tenant, aiconId);
        if (missed.bypass(id)) {
            misses.increment();
            return Uni.createFrom().item(Optional.empty());
        }
        return current(id)
                .map(entry -> raw(entry.value()))
                .onItem()
                .invoke(raw -> (raw.isPresent() ? hits : misses).increment())
                .onFailure()
                .recoverWithItem(e -> {
                    errors.increment();
                    return Optional.empty();
                });
    }

    private static Optional<RawDocument> raw(@Nullable String value) {
        if (value == null || !value.startsWith("v:")) {
            return Optional.empty();
        }
        int json = value.indexOf(':', 2);
        return Optional.of(new RawDocument(Long.parseLong(value.substring(2, json)), value.substring(json + 1)));
    }

    /**
     * The entry of {@code id} in the generation this gateway knows, and the current generation, in one call; no
     * entry when the generation has moved. Redis without a generation (it started empty or lost its data) gets one.
     */
    private Uni<Entry> current(AIconKey id) {
        return guard.read(() -> {
                    long known = generation.get();
                    return redis.execute("MGET", generationKey, key(known, id)).map(reply -> new Entry(known, reply));
                })
                .chain(entry -> {
                    String current = text(Objects.requireNonNull(entry.reply()).get(0));
                    if (current == null) {
                        return guardedBump().map(next -> new Entry(next, null));
                    }
                    long now = Long.parseLong(current);
                    if (now != entry.generation()) {
                        generation.set(now);
                        return Uni.createFrom().item(new Entry(now, null));
                    }
                    return Uni.createFrom().item(entry);
                });
    }

    /** An entry lookup: the generation it was made in and what Redis answered ({@code null}: nothing cached). */
    private record Entry(long generation, @Nullable Response reply) {

        @Nullable
        String value() {
            return reply == null ? null : text(reply.get(1));
        }
    }

    private static @Nullable String text(@Nullable Response reply) {
        return reply == null ? null : reply.toString();
    }

    @Override
    public Uni<Void> fill(TenantId tenant, AIcon aicon, CacheLookup.Miss after) {
        if (after.generation() < 0) {
            return Uni.createFrom().voidItem();
        }
        AIconKey id = AIconKey.of(tenant, aicon.id());
        SetArgs onlyIfAbsent = new SetArgs().nx().px(config.ttl());
        return quietly(
                "fill", id, guard.write(() -> values.set(key(after.generation(), id), encode(aicon), onlyIfAbsent)));
    }

    @Override
    public Uni<Void> refresh(TenantId tenant, AIcon aicon) {
        return forward(AIconKey.of(tenant, aicon.id()), aicon.version(), encode(aicon));
    }

    @Override
    public Uni<Void> deleted(TenantId tenant, String aiconId, long lastVersion) {
        return forward(AIconKey.of(tenant, aiconId), lastVersion + 1, "d:" + (lastVersion + 1));
    }

    @Override
    public Uni<Void> evict(TenantId tenant, String aiconId) {
        AIconKey id = AIconKey.of(tenant, aiconId);
        return quietly(
                "evict",
                id,
                guard.write(() ->
                        redis.key(String.class).del(key(generation.get(), id)).replaceWithVoid()));
    }

    @Override
    public Uni<Void> confirmMissedInvalidations() {
        if (!missed.any() || !bumping.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return bump(redis.execute("EVAL", BUMP, "1", generationKey, Long.toString(System.currentTimeMillis()))
                        .ifNoItem()
                        .after(bumpTimeout)
                        .fail())
                .onFailure()
                .invoke(e -> Log.debugf("cache generation bump waits for Redis: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid()
                .onTermination()
                .invoke(() -> bumping.set(false));
    }

    @Override
    public Uni<String> status() {
        return guard.read(() -> redis.execute("PING"))
                .replaceWith("UP")
                .onFailure()
                .recoverWithItem("DOWN");
    }

    @Override
    public String breakerState() {
        return guard.state().name();
    }

    /**
     * Moves an accepted write's entry forward in the current generation. When that fails, the id is a missed
     * invalidation: a bump tried at once (under the breaker, so an open breaker costs nothing) confirms it, else it
     * is made durable before the write is acknowledged and confirmed by {@link #confirmMissedInvalidations()}.
     */
    private Uni<Void> forward(AIconKey id, long version, String value) {
        return forwardIn(id, version, value, true).onFailure().recoverWithUni(e -> {
            errors.increment();
            if (missed.add(id)) {
                Log.warnf(
                        "cache update of AIcon %s failed (%s); until the cache generation is bumped this gateway "
                                + "reads the AIcons concerned from the store",
                        id, e.toString());
            } else {
                Log.debugf("cache update of AIcon %s failed (%s)", id, e.toString());
            }
            return guardedBump()
                    .replaceWithVoid()
                    .onFailure()
                    .recoverWithUni(bumpFailure -> BlockingWork.run(() -> missed.persist(id)));
        });
    }

    /** The forward-only set in the generation this gateway knows; when that has moved, once more in the new one. */
    private Uni<Void> forwardIn(AIconKey id, long version, String value, boolean again) {
        long known = generation.get();
        return guard.write(() -> redis.execute(
                        "EVAL",
                        IN_GENERATION + FORWARD_ONLY_SET,
                        "2",
                        key(known, id),
                        generationKey,
                        Long.toString(version),
                        value,
                        Long.toString(config.ttl().toMillis()),
                        Long.toString(known)))
                .chain(reply -> {
                    if (reply.type() != ResponseType.MULTI) {
                        return Uni.createFrom().voidItem();
                    }
                    if (!again) {
                        return Uni.createFrom().failure(new IllegalStateException("cache generation keeps moving"));
                    }
                    String current = reply.get(0).toString();
                    Uni<Long> now =
                            current.isEmpty() ? guardedBump() : Uni.createFrom().item(Long.parseLong(current));
                    return now.chain(next -> {
                        generation.set(next);
                        return forwardIn(id, version, value, false);
                    });
                });
    }

    /**
     * Sends a generation bump; once Redis acknowledges it, this gateway uses the new generation and the
     * invalidations missed before it was sent are confirmed.
     */
    private Uni<Long> bump(Uni<Response> call) {
        MissedInvalidations.Snapshot confirming = missed.snapshot();
        return call.map(Response::toLong)
                .call(next -> BlockingWork.run(() -> {
                    generation.set(next);
                    missed.confirmed(confirming);
                    if (confirming.size() > 0) {
                        Log.infof(
                                "cache generation bumped to %d: %d missed invalidations confirmed, older entries are never "
                                        + "read again",
                                next, confirming.size());
                    }
                }));
    }

    /** A bump under the breaker (an open breaker fails it at once); on a Redis without a generation it starts one. */
    private Uni<Long> guardedBump() {
        return bump(guard.write(
                () -> redis.execute("EVAL", BUMP, "1", generationKey, Long.toString(System.currentTimeMillis()))));
    }

    private Uni<Void> quietly(String operation, AIconKey id, Uni<Void> call) {
        return call.onFailure().recoverWithUni(e -> {
            errors.increment();
            if (e instanceof CircuitBreakerOpenException) {
                return Uni.createFrom().voidItem();
            }
            Log.warnf(
                    "cache %s of AIcon %s failed (%s); the entry expires within %s",
                    operation, id, e.toString(), config.ttl());
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * {@code <prefix><generation>:<tenant>/<id>}: ids are unique per tenant, so the tenant is part of every entry's
     * key. A tenant id has no {@code /} and an AIcon id has none either, so no two (tenant, id) share a key, and no
     * key of an entry cached before tenants existed ({@code <prefix><generation>:<id>}) is ever read again.
     */
    static String key(String prefix, long generation, AIconKey id) {
        return prefix + generation + ":" + id.tenant().value() + "/" + id.id();
    }

    private String key(long generation, AIconKey id) {
        return key(config.keyPrefix(), generation, id);
    }

    private String encode(AIcon aicon) {
        return "v:" + aicon.version() + ":" + JsonText.write(mapper, aicon.toDocument());
    }

    private CacheLookup decode(AIconKey id, Entry entry) {
        String value = entry.value();
        if (value == null) {
            return new CacheLookup.Miss(entry.generation());
        }
        if (value.startsWith("d:")) {
            return new CacheLookup.Deleted();
        }
        int json = value.indexOf(':', 2);
        try {
            ObjectNode document = (ObjectNode) mapper.readTree(value.substring(json + 1));
            long version = document.path(AIcon.VERSION).asLong();
            String updatedAt = document.path(AIcon.UPDATED_AT).asText(null);
            return new CacheLookup.Hit(AIcon.fromDocument(id.id(), document).stamped(version, updatedAt));
        } catch (JsonProcessingException | ClassCastException | StringIndexOutOfBoundsException e) {
            Log.warnf("cache entry of %s is unreadable; reading the store", id);
            return CacheLookup.MISS;
        }
    }
}

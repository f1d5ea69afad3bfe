package dev.aqueduct.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aqueduct.http.ApiException;
import dev.aqueduct.keys.KeyRecord;
import dev.aqueduct.keys.KeyScope;
import dev.aqueduct.keys.KeySecrets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a presented API key into the stored key it names, refusing unknown, revoked, expired and
 * wrongly scoped keys with 401.
 *
 * <p>Lookups are cached by hash for {@code cacheTtl}, unknown keys included, so the database
 * sees at most one query per key per period. Expiry is checked on every request against the
 * clock; a revocation made elsewhere (another instance, the CLI) takes effect within the TTL.
 *
 * <p>When a lookup fails because the database cannot be reached, the record last read for that
 * key is used instead, so clients whose keys the gateway has seen keep being served through a
 * database outage; no revocation can be stored meanwhile. A key never read fails as before.
 * After a failed lookup, keys already read skip the database for {@link #OUTAGE_PAUSE}, so that
 * an outage does not make every cache renewal wait out the connection timeout.
 */
public final class KeyAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(KeyAuthenticator.class);
    private static final int MAX_SECRET_LENGTH = 200;
    private static final int MAX_KEYS = 100_000;
    static final Duration OUTAGE_PAUSE = Duration.ofSeconds(30);

    private final Function<String, Optional<KeyRecord>> lookupByHash;
    private final Cache<String, Optional<KeyRecord>> cache;
    private final Cache<String, KeyRecord> lastRead;
    private final Clock clock;
    private final LongSupplier nanoClock;
    private volatile long lookupsPausedUntil;

    public KeyAuthenticator(Function<String, Optional<KeyRecord>> lookupByHash, Duration cacheTtl, Clock clock) {
        this(lookupByHash, cacheTtl, clock, System::nanoTime);
    }

    KeyAuthenticator(Function<String, Optional<KeyRecord>> lookupByHash, Duration cacheTtl, Clock clock,
            LongSupplier nanoClock) {
        this.lookupByHash = lookupByHash;
        this.clock = clock;
        this.nanoClock = nanoClock;
        this.lookupsPausedUntil = nanoClock.getAsLong();
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(cacheTtl)
                .maximumSize(MAX_KEYS)
                .build();
        this.lastRead = Caffeine.newBuilder().maximumSize(MAX_KEYS).build();
    }

    /** The key's record if it may call {@code scope} endpoints now; otherwise an {@link ApiException}. */
    public KeyRecord authenticate(Optional<String> presented, KeyScope scope) {
        String secret = presented.orElseThrow(() -> ApiException.unauthorized(
                "Missing API key: send it as 'Authorization: Bearer <key>'"));
        if (secret.length() > MAX_SECRET_LENGTH || !hasKnownPrefix(secret)) {
            throw ApiException.unauthorized("Incorrect API key provided");
        }
        KeyRecord key = cache.get(KeySecrets.hash(secret), this::lookup)
                .orElseThrow(() -> ApiException.unauthorized("Incorrect API key provided"));
        String refusal = refusal(key, scope);
        if (refusal != null) {
            throw ApiException.unauthorized(refusal);
        }
        return key;
    }

    /**
     * The key's record when its lookup is cached and it may call {@code scope} endpoints now, all
     * without waiting on anything; empty when the answer needs the database or is a refusal,
     * which {@link #authenticate} then gives.
     */
    public Optional<KeyRecord> cachedValid(Optional<String> presented, KeyScope scope) {
        if (presented.isEmpty() || presented.get().length() > MAX_SECRET_LENGTH || !hasKnownPrefix(presented.get())) {
            return Optional.empty();
        }
        Optional<KeyRecord> cached = cache.getIfPresent(KeySecrets.hash(presented.get()));
        if (cached == null || cached.isEmpty()) {
            return Optional.empty();
        }
        return refusal(cached.get(), scope) == null ? cached : Optional.empty();
    }

    /** Why {@code key} may not call {@code scope} endpoints now, or null when it may. */
    private @Nullable String refusal(KeyRecord key, KeyScope scope) {
        if (key.revokedAt() != null) {
            return "This API key has been revoked";
        }
        if (key.ownerDisabled()) {
            return "The owner of this API key is disabled";
        }
        if (!key.activeAt(clock.instant())) {
            return "This API key expired at " + key.expiresAt();
        }
        if (key.scope() != scope) {
            return "This " + key.scope().name().toLowerCase(Locale.ROOT) + " key cannot be used here; this endpoint "
                    + "takes " + scope.name().toLowerCase(Locale.ROOT) + " keys";
        }
        return null;
    }

    /**
     * Drops the cached lookup of the key with this id, so that a revocation made on this
     * instance takes effect on its next request rather than when the cache entry expires.
     */
    public void forget(String keyId) {
        cache.asMap().values().removeIf(found -> found.isPresent() && found.get().id().equals(keyId));
        lastRead.asMap().values().removeIf(found -> found.id().equals(keyId));
    }

    private Optional<KeyRecord> lookup(String hash) {
        KeyRecord known = lastRead.getIfPresent(hash);
        if (known != null && nanoClock.getAsLong() - lookupsPausedUntil < 0) {
            return Optional.of(known);
        }
        try {
            Optional<KeyRecord> found = lookupByHash.apply(hash);
            found.ifPresentOrElse(key -> lastRead.put(hash, key), () -> lastRead.invalidate(hash));
            return found;
        } catch (RuntimeException e) {
            lookupsPausedUntil = nanoClock.getAsLong() + OUTAGE_PAUSE.toNanos();
            if (known == null) {
                throw e;
            }
            LOG.warn("Key lookup failed, using the record last read key={} pause_seconds={} error={}", known.id(),
                    OUTAGE_PAUSE.toSeconds(), String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            return Optional.of(known);
        }
    }

    private static boolean hasKnownPrefix(String secret) {
        for (KeyScope known : KeyScope.values()) {
            if (secret.startsWith(known.secretPrefix())) {
                return true;
            }
        }
        return false;
    }
}

package dev.aqueduct.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import dev.aqueduct.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's signing keys: discovered from {@code <issuer>/.well-known/openid-configuration}
 * at first use, then cached. Nothing is fetched at construction, so the daemon starts while the
 * provider is down; a failed discovery is retried at most every {@link #DISCOVERY_RETRY}.
 *
 * <p>The key set is fetched again when it is older than {@link #MAX_AGE}, keeping the old keys
 * when that fails, and when a token names a key it does not hold (the provider rotated its keys).
 * Fetches for unknown keys happen at most once per {@link #UNKNOWN_KEY_INTERVAL}, so tokens with
 * made-up key ids cannot make the gateway hammer the provider; the regular fetches do not count
 * against that limit, so a rotation right after one is picked up at once.
 */
final class ProviderKeys {
    static final Duration DISCOVERY_RETRY = Duration.ofSeconds(10);
    static final Duration MAX_AGE = Duration.ofMinutes(15);
    static final Duration UNKNOWN_KEY_INTERVAL = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(ProviderKeys.class);

    private final String issuer;
    private final ProviderDocuments documents;
    private final Clock clock;

    private @Nullable URI jwksUri;
    private @Nullable JWKSet keys;
    private Instant keysFetchedAt = Instant.MIN;
    private Instant lastFailureAt = Instant.MIN;
    private Instant lastUnknownKeyFetchAt = Instant.MIN;
    private @Nullable SignInRejectedException lastFailure;
    private int keySetFetches;

    ProviderKeys(String issuer, ProviderDocuments documents, Clock clock) {
        this.issuer = issuer;
        this.documents = documents;
        this.clock = clock;
    }

    /**
     * The current key set, discovering the provider and fetching the keys first when needed.
     *
     * @throws SignInRejectedException with {@link RejectReason#PROVIDER_UNAVAILABLE} when there are no keys
     */
    synchronized JWKSet current() {
        Instant now = clock.instant();
        if (keys != null && now.isBefore(keysFetchedAt.plus(MAX_AGE))) {
            return keys;
        }
        if (lastFailure != null && now.isBefore(lastFailureAt.plus(DISCOVERY_RETRY))) {
            if (keys != null) {
                return keys;
            }
            throw new SignInRejectedException(RejectReason.PROVIDER_UNAVAILABLE, lastFailure.getMessage()
                    + "; next try after " + lastFailureAt.plus(DISCOVERY_RETRY));
        }
        try {
            return fetch(now);
        } catch (SignInRejectedException e) {
            recordFailure(now, e);
            if (keys != null) {
                LOG.warn("Single sign-on keys not refreshed, keeping the cached ones issuer={} reason={}",
                        issuer, e.getMessage());
                return keys;
            }
            throw e;
        }
    }

    /**
     * The key set fetched again because a token names a key not in {@code seen}; null when the
     * set was fetched too recently to ask again, or the fetch failed.
     */
    synchronized @Nullable JWKSet refreshForUnknownKey(JWKSet seen) {
        Instant now = clock.instant();
        if (keys != seen) {
            return keys;
        }
        if (now.isBefore(lastUnknownKeyFetchAt.plus(UNKNOWN_KEY_INTERVAL))) {
            return null;
        }
        lastUnknownKeyFetchAt = now;
        try {
            return fetch(now);
        } catch (SignInRejectedException e) {
            recordFailure(now, e);
            return null;
        }
    }

    /** Tries discovery and the key set once, logging the outcome; for a start-up check in the background. */
    void prefetch() {
        try {
            JWKSet set = current();
            LOG.info("Single sign-on provider reachable issuer={} keys={}", issuer, set.size());
        } catch (SignInRejectedException e) {
            LOG.warn("Single sign-on provider unreachable, sign-in retries on use issuer={} reason={}",
                    issuer, e.getMessage());
        }
    }

    /** How often the key set has been fetched, for tests of the refetch limits. */
    synchronized int keySetFetches() {
        return keySetFetches;
    }

    private JWKSet fetch(Instant now) {
        URI uri = jwksUri == null ? discover() : jwksUri;
        JWKSet set;
        try {
            set = JWKSet.parse(documents.fetch(uri));
        } catch (ParseException e) {
            throw new SignInRejectedException(RejectReason.PROVIDER_UNAVAILABLE,
                    "the key set at " + uri + " is not a JWK set: " + e.getMessage(), e);
        } catch (SignInRejectedException e) {
            // The provider may have moved its keys; discover again next time.
            jwksUri = null;
            throw e;
        }
        jwksUri = uri;
        keys = set;
        keysFetchedAt = now;
        lastFailure = null;
        keySetFetches++;
        LOG.debug("Single sign-on keys fetched issuer={} keys={}", issuer, set.size());
        return set;
    }

    private URI discover() {
        URI url = URI.create(stripSlash(issuer) + "/.well-known/openid-configuration");
        JsonNode document;
        try {
            document = Json.mapper().readTree(documents.fetch(url));
        } catch (IOException e) {
            throw new SignInRejectedException(RejectReason.PROVIDER_UNAVAILABLE,
                    "the discovery document at " + url + " is not JSON", e);
        }
        String advertised = document.path("issuer").asText("");
        if (!issuer.equals(advertised)) {
            throw new SignInRejectedException(RejectReason.PROVIDER_UNAVAILABLE, "the discovery document at " + url
                    + " names issuer '" + advertised + "', not the configured '" + issuer + "'");
        }
        String jwks = document.path("jwks_uri").asText("");
        if (!jwks.startsWith("https://") && !(jwks.startsWith("http://") && issuer.startsWith("http://"))) {
            throw new SignInRejectedException(RejectReason.PROVIDER_UNAVAILABLE, "the discovery document at " + url
                    + " has no usable jwks_uri, got '" + jwks + "'");
        }
        return URI.create(jwks);
    }

    private void recordFailure(Instant now, SignInRejectedException failure) {
        lastFailure = failure;
        lastFailureAt = now;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

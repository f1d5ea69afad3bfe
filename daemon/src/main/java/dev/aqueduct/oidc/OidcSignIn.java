package dev.aqueduct.oidc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.aqueduct.admin.BearerSignIn;
import dev.aqueduct.config.GatewayConfig;
import dev.aqueduct.config.OidcConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs people in to the admin API with tokens from the organization's OpenID Connect provider:
 * the token is validated against the provider's published keys, then the user and their
 * memberships are provisioned from its claims and groups.
 *
 * <p>A token that signed someone in is remembered by its SHA-256 hash until it expires, but at
 * most {@link #CACHE_TIME}, so a burst of admin calls runs validation and provisioning once.
 * Changes in the database (a user disabled by an admin) therefore reach a token already seen
 * within that time. Rejections are logged at DEBUG with their reason; the token never is.
 */
public final class OidcSignIn implements BearerSignIn, AutoCloseable {
    static final Duration CACHE_TIME = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(OidcSignIn.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final int CACHE_SIZE = 10_000;

    private final OidcConfig config;
    private final ProviderDocuments documents;
    private final ProviderKeys keys;
    private final TokenValidator validator;
    private final GroupMapper mapper;
    private final SignInProvisioner provisioner;
    private final Clock clock;
    private final Cache<String, CachedSignIn> signedIn;

    private record CachedSignIn(String userId, Instant until) {
    }

    /**
     * Sign-in for this provider configuration. Nothing is fetched yet: the provider is discovered
     * at the first sign-in, so the daemon starts while the provider is down.
     */
    public OidcSignIn(OidcConfig config, Jdbi jdbi, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.documents = new ProviderDocuments(FETCH_TIMEOUT);
        this.keys = new ProviderKeys(config.issuer().toString(), documents, clock);
        this.validator = new TokenValidator(config.issuer().toString(), config.audience(),
                Duration.ofSeconds(config.clockSkewSeconds()), keys, clock);
        this.mapper = new GroupMapper(config);
        this.provisioner = new SignInProvisioner(jdbi, config.syncTeams(), config.adminGroup() != null, clock);
        this.signedIn = Caffeine.newBuilder()
                .maximumSize(CACHE_SIZE)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(CACHE_TIME)
                .build();
    }

    /**
     * Sign-in for the daemon, or empty when {@code auth.oidc} is not configured. Checks the
     * provider once in the background and logs whether it is reachable; the daemon does not wait.
     */
    public static Optional<OidcSignIn> fromConfig(GatewayConfig config, Jdbi jdbi, Clock clock) {
        OidcConfig oidc = config.auth().oidc();
        if (oidc == null) {
            return Optional.empty();
        }
        OidcSignIn signIn = new OidcSignIn(oidc, jdbi, clock);
        LOG.info("Single sign-on configured issuer={} audience={} mappings={} sync_teams={}", oidc.issuer(),
                oidc.audience(), oidc.groupMappings().size(), oidc.syncTeams());
        Thread.ofVirtual().name("oidc-discovery").start(signIn.keys::prefetch);
        return Optional.of(signIn);
    }

    @Override
    public Optional<String> userId(String bearerToken) {
        return signIn(bearerToken) instanceof SignInOutcome.SignedIn in ? Optional.of(in.userId()) : Optional.empty();
    }

    /** Validates the token and provisions its user, or says why it signs no one in. */
    public SignInOutcome signIn(String bearerToken) {
        String hash = sha256(bearerToken);
        CachedSignIn cached = signedIn.getIfPresent(hash);
        if (cached != null && clock.instant().isBefore(cached.until())) {
            return new SignInOutcome.SignedIn(cached.userId());
        }
        try {
            JWTClaimsSet claims = validator.validate(bearerToken);
            SignInClaims signInClaims = SignInClaims.from(claims, config.groupsClaim());
            String userId = provisioner.provision(signInClaims, mapper.map(signInClaims.groups()));
            Instant until = min(signInClaims.expiresAt(), clock.instant().plus(CACHE_TIME));
            signedIn.put(hash, new CachedSignIn(userId, until));
            LOG.debug("Signed in user={} groups={}", userId, signInClaims.groups().size());
            return new SignInOutcome.SignedIn(userId);
        } catch (SignInRejectedException e) {
            LOG.debug("Sign-in rejected reason={} detail={}", e.reason().value(), e.getMessage());
            return new SignInOutcome.Rejected(e.reason(), e.getMessage());
        }
    }

    /** How often the provider's key set has been fetched; tests check the refetch limits with it. */
    int keySetFetches() {
        return keys.keySetFetches();
    }

    @Override
    public void close() {
        documents.close();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String sha256(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

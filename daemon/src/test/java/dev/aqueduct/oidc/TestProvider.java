package dev.aqueduct.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * A real OpenID Connect provider on 127.0.0.1 for tests, issuing tokens for the issuer
 * {@value #ISSUER_ID}. Its signing keys are ours, so tests can rotate them and forge tokens with
 * the provider's own key.
 */
public final class TestProvider implements AutoCloseable {
    static final String ISSUER_ID = "acme";
    public static final String AUDIENCE = "aqueduct";

    private final RotatingKeys keys = new RotatingKeys();
    private final MockOAuth2Server server;
    private final int port;
    private boolean running;

    private TestProvider(int port) {
        this.port = port;
        this.server = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(keys)));
    }

    /** A provider already listening on a free port. */
    public static TestProvider started() {
        TestProvider provider = new TestProvider(freePort());
        provider.start();
        return provider;
    }

    /** A provider that will listen on a free port once {@link #start} is called. */
    static TestProvider notYetStarted() {
        return new TestProvider(freePort());
    }

    void start() {
        server.start(InetAddress.getLoopbackAddress(), port);
        running = true;
    }

    /** The issuer URL, as configured in {@code auth.oidc.issuer} and carried in {@code iss}. */
    public String issuer() {
        return "http://localhost:" + port + "/" + ISSUER_ID;
    }

    /** A token from the provider itself for the configured audience, valid for an hour. */
    public String token(String subject, Map<String, Object> claims) {
        return server.issueToken(ISSUER_ID, subject, AUDIENCE, claims, 3600).serialize();
    }

    /** A token from another issuer on the same provider, signed with that issuer's key. */
    String tokenFromOtherIssuer(String subject, Map<String, Object> claims) {
        return server.issueToken("other", subject, AUDIENCE, claims, 3600).serialize();
    }

    /** Claims a valid token would carry, for tests that forge variations of them. */
    public JWTClaimsSet.Builder claims(String subject, Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(subject)
                .audience(List.of(AUDIENCE))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("email", subject + "@example.com")
                .claim("email_verified", true);
    }

    /** The provider's current private signing key. */
    public RSAKey signingKey() {
        return keys.signingKey(ISSUER_ID).toRSAKey();
    }

    /** Signs claims with {@code key} under its key id, as the provider would. */
    public static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the issuer's signing key with a new one under a new key id; the old key is no longer published. */
    void rotateKeys() {
        keys.rotate(ISSUER_ID);
    }

    @Override
    public void close() {
        if (running) {
            server.shutdown();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One RSA key per issuer, replaced on demand. */
    private static final class RotatingKeys extends KeyProvider {
        private final Map<String, RSAKey> current = new ConcurrentHashMap<>();
        private final AtomicInteger generation = new AtomicInteger();

        @Override
        public JWK signingKey(String issuerId) {
            return current.computeIfAbsent(issuerId, RotatingKeys::newKey);
        }

        void rotate(String issuerId) {
            current.put(issuerId, newKey(issuerId + "-" + generation.incrementAndGet()));
        }

        private static RSAKey newKey(String keyId) {
            try {
                return new RSAKeyGenerator(2048).keyID(keyId).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

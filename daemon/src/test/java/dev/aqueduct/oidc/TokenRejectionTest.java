package dev.aqueduct.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad token is refused with its reason, and none of them creates a user: tokens
 * forged with the provider's own published key, signed by strangers, or valid but not for us.
 */
class TokenRejectionTest {
    @TempDir
    static Path directory;

    private static TestProvider provider;
    private static SignInFixture gateway;

    @BeforeAll
    static void start() {
        provider = TestProvider.started();
        gateway = new SignInFixture(directory, provider.issuer(), true);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        provider.close();
    }

    /** A forged token made from valid claims and the provider's current key. */
    private interface Forgery extends BiFunction<JWTClaimsSet.Builder, RSAKey, String> {
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                bad("unsigned, alg none", RejectReason.ALG_NONE,
                        (claims, key) -> new PlainJWT(claims.build()).serialize()),
                bad("HS256 keyed with the provider's public key", RejectReason.ALG_NOT_ALLOWED,
                        TokenRejectionTest::hmacWithPublicKey),
                bad("ES256 while the provider publishes RSA keys only", RejectReason.ALG_NOT_ALLOWED,
                        TokenRejectionTest::ellipticUnderProviderKid),
                bad("signed by another RSA key under the provider's key id", RejectReason.BAD_SIGNATURE,
                        (claims, key) -> TestProvider.sign(claims.build(), stranger(key.getKeyID()))),
                bad("payload changed after signing", RejectReason.BAD_SIGNATURE,
                        TokenRejectionTest::tampered),
                bad("key id the provider never published", RejectReason.UNKNOWN_KEY,
                        (claims, key) -> TestProvider.sign(claims.build(), stranger("made-up"))),
                bad("another issuer", RejectReason.WRONG_ISSUER,
                        (claims, key) -> TestProvider.sign(claims.issuer("http://localhost:1/evil").build(), key)),
                bad("another audience", RejectReason.WRONG_AUDIENCE,
                        (claims, key) -> TestProvider.sign(claims.audience(List.of("someone-else")).build(), key)),
                bad("no audience", RejectReason.WRONG_AUDIENCE,
                        (claims, key) -> TestProvider.sign(claims.audience((String) null).build(), key)),
                bad("expired beyond the skew", RejectReason.EXPIRED,
                        (claims, key) -> TestProvider.sign(claims.expirationTime(secondsFromNow(-61)).build(), key)),
                bad("no expiry", RejectReason.MISSING_CLAIM,
                        (claims, key) -> TestProvider.sign(claims.expirationTime(null).build(), key)),
                bad("not valid yet beyond the skew", RejectReason.NOT_YET_VALID,
                        (claims, key) -> TestProvider.sign(claims.notBeforeTime(secondsFromNow(120)).build(), key)),
                bad("no subject", RejectReason.MISSING_CLAIM,
                        (claims, key) -> TestProvider.sign(claims.subject(null).build(), key)),
                bad("no email address", RejectReason.MISSING_CLAIM,
                        (claims, key) -> TestProvider.sign(claims.claim("email", null).build(), key)),
                bad("not a JWT", RejectReason.MALFORMED, (claims, key) -> "aqueduct-session-1234"));
    }

    private static Arguments bad(String what, RejectReason reason, Forgery forgery) {
        return Arguments.of(what, reason, forgery);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void refusesBadTokensWithTheirReason(String what, RejectReason reason, Forgery forgery) {
        String token = forgery.apply(provider.claims("sub-" + reason.value(), gateway.clock.instant())
                .claim("groups", List.of("aqueduct-admins", "acme-eng")), provider.signingKey());

        SignInOutcome outcome = gateway.signIn.signIn(token);

        assertThat(outcome).isInstanceOf(SignInOutcome.Rejected.class);
        assertThat(((SignInOutcome.Rejected) outcome).reason()).isEqualTo(reason);
        assertThat(((SignInOutcome.Rejected) outcome).detail()).doesNotContain(token);
        assertThat(gateway.signIn.userId(token)).isEmpty();
        assertThat(gateway.count("users WHERE email = 'sub-" + reason.value() + "@example.com'")).isZero();
    }

    @Test
    void acceptsATokenExpiredWithinTheSkew() {
        String token = TestProvider.sign(provider.claims("sub-skew", gateway.clock.instant())
                .expirationTime(secondsFromNow(-30)).build(), provider.signingKey());

        assertThat(gateway.signIn.userId(token)).isPresent();
    }

    @Test
    void refusesATokenOfAnotherIssuerOnTheSameProvider() {
        SignInOutcome outcome = gateway.signIn.signIn(provider.tokenFromOtherIssuer("sub-other", Map.of(
                "email", "other@example.com", "email_verified", true)));

        assertThat(outcome).isInstanceOf(SignInOutcome.Rejected.class);
        assertThat(((SignInOutcome.Rejected) outcome).reason()).isEqualTo(RejectReason.UNKNOWN_KEY);
    }

    @Test
    void aForgedClaimCannotWriteALogLineOfItsOwn() {
        String token = TestProvider.sign(provider.claims("sub-log", gateway.clock.instant())
                .issuer("x\n2026-01-01 INFO Signed in user=usr_root").build(), provider.signingKey());

        SignInOutcome outcome = gateway.signIn.signIn(token);

        assertThat(outcome).isEqualTo(new SignInOutcome.Rejected(RejectReason.WRONG_ISSUER,
                "iss=x?2026-01-01 INFO Signed in user=usr_root"));
    }

    private static Date secondsFromNow(long seconds) {
        return Date.from(gateway.clock.instant().plusSeconds(seconds));
    }

    private static String hmacWithPublicKey(JWTClaimsSet.Builder claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ellipticUnderProviderKid(JWTClaimsSet.Builder claims, RSAKey key) {
        try {
            ECKey elliptic = new ECKeyGenerator(Curve.P_256).keyID(key.getKeyID()).generate();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new ECDSASigner(elliptic));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tampered(JWTClaimsSet.Builder claims, RSAKey key) {
        String[] parts = TestProvider.sign(claims.build(), key).split("\\.");
        String forged = claims.subject("sub-root").claim("groups", List.of("aqueduct-admins")).build().toString();
        return parts[0] + "." + Base64URL.encode(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static RSAKey stranger(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.aqueduct.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.aqueduct.admin.BearerSignIn;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks a bearer token the way a resource server must: a compact JWT signed by one of the
 * issuer's published keys with an algorithm that key offers, from the configured issuer, for
 * the configured audience, and within its validity period give or take the clock skew.
 * The signature is checked before any claim, so claims of a forged token are never trusted.
 */
final class TokenValidator {

    private final String issuer;
    private final String audience;
    private final Duration skew;
    private final ProviderKeys keys;
    private final Clock clock;

    TokenValidator(String issuer, String audience, Duration skew, ProviderKeys keys, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.skew = skew;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * The claims of a valid token.
     *
     * @throws SignInRejectedException naming why the token is not valid
     */
    JWTClaimsSet validate(String token) {
        SignedJWT jwt = parse(token);
        verifySignature(jwt);
        JWTClaimsSet claims = claims(jwt);
        checkClaims(claims);
        return claims;
    }

    private static SignedJWT parse(String token) {
        if (token.length() > BearerSignIn.MAX_TOKEN_CHARS) {
            throw new SignInRejectedException(RejectReason.MALFORMED, "token longer than "
                    + BearerSignIn.MAX_TOKEN_CHARS);
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new SignInRejectedException(RejectReason.MALFORMED, "not a compact JWT: " + e.getMessage());
        }
        return switch (jwt) {
            case SignedJWT signed -> signed;
            case PlainJWT plain -> throw new SignInRejectedException(RejectReason.ALG_NONE, "unsigned token");
            case EncryptedJWT encrypted -> throw new SignInRejectedException(RejectReason.ENCRYPTED,
                    "encrypted token");
            default -> throw new SignInRejectedException(RejectReason.MALFORMED, "unknown token kind");
        };
    }

    private void verifySignature(SignedJWT jwt) {
        JWSHeader header = jwt.getHeader();
        JWSAlgorithm algorithm = header.getAlgorithm();
        if (!SigningAlgorithms.accepted(algorithm)) {
            throw new SignInRejectedException(RejectReason.ALG_NOT_ALLOWED, "alg=" + algorithm);
        }
        JWKSet set = keys.current();
        List<JWK> candidates = candidates(set, header);
        if (candidates.isEmpty() && header.getKeyID() != null && set.getKeyByKeyId(header.getKeyID()) == null) {
            JWKSet refreshed = keys.refreshForUnknownKey(set);
            candidates = refreshed == null ? List.of() : candidates(refreshed, header);
        }
        if (candidates.isEmpty()) {
            boolean known = header.getKeyID() == null || keys.current().getKeyByKeyId(header.getKeyID()) != null;
            throw new SignInRejectedException(known ? RejectReason.ALG_NOT_ALLOWED : RejectReason.UNKNOWN_KEY,
                    "kid=" + header.getKeyID() + " alg=" + algorithm);
        }
        for (JWK key : candidates) {
            if (verifies(jwt, key)) {
                return;
            }
        }
        throw new SignInRejectedException(RejectReason.BAD_SIGNATURE,
                "kid=" + header.getKeyID() + " alg=" + algorithm);
    }

    private static List<JWK> candidates(JWKSet set, JWSHeader header) {
        String kid = header.getKeyID();
        return set.getKeys().stream()
                .filter(key -> kid == null || kid.equals(key.getKeyID()))
                .filter(key -> SigningAlgorithms.offers(key, header.getAlgorithm()))
                .toList();
    }

    private static boolean verifies(SignedJWT jwt, JWK key) {
        try {
            return jwt.verify(SigningAlgorithms.verifier(key));
        } catch (JOSEException e) {
            return false;
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new SignInRejectedException(RejectReason.MALFORMED, "claims are not a JSON object");
        }
    }

    private void checkClaims(JWTClaimsSet claims) {
        if (!issuer.equals(claims.getIssuer())) {
            throw new SignInRejectedException(RejectReason.WRONG_ISSUER, "iss=" + shorten(claims.getIssuer()));
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            throw new SignInRejectedException(RejectReason.WRONG_AUDIENCE, "aud=" + shorten(
                    String.valueOf(claims.getAudience())));
        }
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            throw new SignInRejectedException(RejectReason.MISSING_CLAIM, "no exp");
        }
        if (!now.isBefore(expiry.toInstant().plus(skew))) {
            throw new SignInRejectedException(RejectReason.EXPIRED, "exp=" + expiry.toInstant() + " now=" + now);
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(skew).isBefore(notBefore.toInstant())) {
            throw new SignInRejectedException(RejectReason.NOT_YET_VALID, "nbf=" + notBefore.toInstant()
                    + " now=" + now);
        }
        Date issuedAt = claims.getIssueTime();
        if (issuedAt != null && now.plus(skew).isBefore(issuedAt.toInstant())) {
            throw new SignInRejectedException(RejectReason.NOT_YET_VALID, "iat=" + issuedAt.toInstant()
                    + " now=" + now);
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new SignInRejectedException(RejectReason.MISSING_CLAIM, "no sub");
        }
    }

    /** A claim value short enough for one log line, with no control characters, whatever a forger put in it. */
    static String shorten(@Nullable String value) {
        if (value == null) {
            return "none";
        }
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 100 ? printable : printable.substring(0, 100) + "...";
    }
}

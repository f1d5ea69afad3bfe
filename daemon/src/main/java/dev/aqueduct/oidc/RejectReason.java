package dev.aqueduct.oidc;

import java.util.Locale;

/** Why a bearer token did not sign anyone in; logged as {@code reason=...}. */
public enum RejectReason {
    /** Not a compact JWT at all. */
    MALFORMED,
    /** An unsigned token ({@code alg: none}). */
    ALG_NONE,
    /** An encrypted token; the gateway takes signed tokens only. */
    ENCRYPTED,
    /** Signed with an algorithm the provider's keys do not offer, such as HS256. */
    ALG_NOT_ALLOWED,
    /** Names a key the provider does not publish, even after the key set was fetched again. */
    UNKNOWN_KEY,
    /** The signature does not match the token. */
    BAD_SIGNATURE,
    /** Issued by another issuer than the configured one. */
    WRONG_ISSUER,
    /** Not meant for this gateway: the configured audience is not in {@code aud}. */
    WRONG_AUDIENCE,
    /** Past its expiry, clock skew included. */
    EXPIRED,
    /** Before its not-before or issued-at time, clock skew included. */
    NOT_YET_VALID,
    /** A claim the gateway needs ({@code sub}, {@code exp}, an email address) is missing or unusable. */
    MISSING_CLAIM,
    /** The provider's discovery document or keys could not be fetched. */
    PROVIDER_UNAVAILABLE,
    /** The user is disabled. */
    USER_DISABLED,
    /** Another user has the token's email address and the token does not say it is verified. */
    EMAIL_TAKEN,
    /** The user could not be stored: the database refused the change twice, as after a conflicting sign-in. */
    PROVISIONING_FAILED;

    /** The reason as it appears in logs, such as {@code bad_signature}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}

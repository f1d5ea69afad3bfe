package dev.aqueduct.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.Map;
import java.util.Set;

/**
 * Which algorithms a published key may verify. Only the asymmetric families are ever accepted
 * (RS*, PS*, ES*), and only those the key itself offers: its {@code alg} when it names one,
 * otherwise every algorithm of its type (and, for EC keys, its curve). This is what shuts out
 * {@code alg: none} and HMAC tokens keyed with the provider's public key.
 */
final class SigningAlgorithms {
    static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    static final Map<Curve, JWSAlgorithm> EC = Map.of(Curve.P_256, JWSAlgorithm.ES256,
            Curve.P_384, JWSAlgorithm.ES384, Curve.P_521, JWSAlgorithm.ES512);

    private SigningAlgorithms() {
    }

    /** Whether {@code algorithm} is one of the asymmetric algorithms the gateway accepts at all. */
    static boolean accepted(JWSAlgorithm algorithm) {
        return RSA.contains(algorithm) || EC.containsValue(algorithm);
    }

    /** Whether {@code key} may verify a signature made with {@code algorithm}. */
    static boolean offers(JWK key, JWSAlgorithm algorithm) {
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return false;
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(algorithm.getName())) {
            return false;
        }
        return switch (key) {
            case RSAKey rsa -> RSA.contains(algorithm);
            case ECKey ec -> algorithm.equals(EC.get(ec.getCurve()));
            default -> false;
        };
    }

    /** A verifier for signatures by {@code key}, which {@link #offers} must have allowed. */
    static JWSVerifier verifier(JWK key) throws JOSEException {
        return switch (key) {
            case RSAKey rsa -> new RSASSAVerifier(rsa);
            case ECKey ec -> new ECDSAVerifier(ec);
            default -> throw new JOSEException("Unsupported key type " + key.getKeyType());
        };
    }
}

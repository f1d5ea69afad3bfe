package dev.aqueduct.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What sign-in needs from a validated token.
 *
 * @param email lower-cased: the {@code email} claim, or {@code preferred_username} when that is
 *     an address and there is no {@code email} (Entra ID access tokens carry only the latter)
 * @param emailVerified whether the provider vouches for the address ({@code email_verified: true})
 * @param groups the values of the configured groups claim; none when the claim is absent
 */
record SignInClaims(String issuer, String subject, String email, boolean emailVerified, @Nullable String name,
        List<String> groups, Instant expiresAt) {
    private static final int MAX_GROUPS = 1000;

    /**
     * Reads the claims sign-in uses from claims already validated.
     *
     * @throws SignInRejectedException with {@link RejectReason#MISSING_CLAIM} when there is no usable address
     */
    static SignInClaims from(JWTClaimsSet claims, String groupsClaim) {
        String email = address(claims);
        if (email == null) {
            throw new SignInRejectedException(RejectReason.MISSING_CLAIM,
                    "no email or preferred_username holding an address");
        }
        boolean verified = Boolean.TRUE.equals(claims.getClaim("email_verified"))
                && email.equalsIgnoreCase(text(claims, "email"));
        String name = text(claims, "name");
        return new SignInClaims(claims.getIssuer(), claims.getSubject(), email.toLowerCase(Locale.ROOT), verified,
                name == null ? text(claims, "preferred_username") : name, groups(claims, groupsClaim),
                claims.getExpirationTime().toInstant());
    }

    private static @Nullable String address(JWTClaimsSet claims) {
        String email = text(claims, "email");
        if (email != null && email.contains("@")) {
            return email.strip();
        }
        String username = text(claims, "preferred_username");
        return username != null && username.contains("@") ? username.strip() : null;
    }

    private static @Nullable String text(JWTClaimsSet claims, String name) {
        try {
            String value = claims.getStringClaim(name);
            return value == null || value.isBlank() ? null : value;
        } catch (ParseException e) {
            return null;
        }
    }

    /**
     * The groups claim: a top-level claim of that exact name (names may contain dots, as URL-named
     * custom claims do), else a dotted path into nested objects such as {@code realm_access.roles}.
     */
    static List<String> groups(JWTClaimsSet claims, String groupsClaim) {
        Object value = claims.getClaim(groupsClaim);
        if (value == null && groupsClaim.contains(".")) {
            value = walk(claims.getClaims(), groupsClaim.split("\\."));
        }
        List<String> groups = new ArrayList<>();
        if (value instanceof String single) {
            groups.add(single);
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String group && groups.size() < MAX_GROUPS) {
                    groups.add(group);
                }
            }
        }
        return List.copyOf(groups);
    }

    private static @Nullable Object walk(Map<String, Object> root, String[] path) {
        Object current = root;
        for (String step : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
        }
        return current;
    }
}

package dev.aqueduct.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignInClaimsTest {
    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer("https://id.example.com").subject("s").expirationTime(new Date());
    }

    @Test
    void readsGroupsFromATopLevelClaimWhoseNameHasDots() {
        JWTClaimsSet set = claims().claim("https://example.com/groups", List.of("a", "b")).build();

        assertThat(SignInClaims.groups(set, "https://example.com/groups")).containsExactly("a", "b");
    }

    @Test
    void readsGroupsFromANestedClaimByDottedPath() {
        JWTClaimsSet set = claims().claim("realm_access", Map.of("roles", List.of("acme-eng", 7))).build();

        assertThat(SignInClaims.groups(set, "realm_access.roles")).containsExactly("acme-eng");
        assertThat(SignInClaims.groups(set, "realm_access.missing")).isEmpty();
        assertThat(SignInClaims.groups(set, "groups")).isEmpty();
    }

    @Test
    void takesAnAddressFromPreferredUsernameWhenThereIsNoEmailButNeverCallsItVerified() {
        SignInClaims signIn = SignInClaims.from(claims().claim("preferred_username", "Ada@Example.com")
                .claim("email_verified", true).build(), "groups");

        assertThat(signIn.email()).isEqualTo("ada@example.com");
        assertThat(signIn.emailVerified()).isFalse();
        assertThat(signIn.name()).isEqualTo("Ada@Example.com");
    }
}

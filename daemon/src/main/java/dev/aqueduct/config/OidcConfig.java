package dev.aqueduct.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Single sign-on through an OpenID Connect provider: whose tokens the admin API accepts and how
 * the provider's groups become organizations, teams and admins.
 *
 * @param issuer the provider's issuer URL, exactly as its tokens carry it in {@code iss}
 * @param audience the value a token's {@code aud} must contain
 * @param groupsClaim the claim holding the user's groups; a dotted path reaches into nested claims
 * @param adminGroup the group whose members are gateway admins, or null to leave admins alone
 * @param clockSkewSeconds how far expiry and not-before may be off between provider and gateway
 * @param syncTeams whether memberships the groups no longer give are removed at sign-in
 * @param groupMappings the rules, tried in order, that turn a group name into memberships
 */
public record OidcConfig(
        URI issuer,
        String audience,
        String groupsClaim,
        @Nullable String adminGroup,
        int clockSkewSeconds,
        boolean syncTeams,
        List<GroupMappingConfig> groupMappings) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static OidcConfig of(
            @Nullable URI issuer,
            @Nullable String audience,
            @Nullable String groupsClaim,
            @Nullable String adminGroup,
            @Nullable Integer clockSkewSeconds,
            @Nullable Boolean syncTeams,
            @Nullable List<GroupMappingConfig> groupMappings) {
        return new OidcConfig(
                issuer == null ? URI.create("") : issuer,
                audience == null ? "" : audience,
                groupsClaim == null ? "groups" : groupsClaim,
                adminGroup,
                clockSkewSeconds == null ? 60 : clockSkewSeconds,
                syncTeams == null || syncTeams,
                groupMappings == null ? List.of() : List.copyOf(groupMappings));
    }
}

package dev.aqueduct.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aqueduct.config.GroupMappingConfig;
import dev.aqueduct.config.OidcConfig;
import dev.aqueduct.identity.OrgRole;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupMapperTest {
    private static final GroupMapper MAPPER = new GroupMapper(new OidcConfig(URI.create("https://id.example.com"),
            "aqueduct", "groups", "gateway-admins", 60, true, List.of(
                    new GroupMappingConfig("^/?acme-(?<org>[a-z0-9-]+)-owners$", "org_admin", false),
                    new GroupMappingConfig("^/?acme-(?<org>[a-z0-9-]+)$", "user", false),
                    new GroupMappingConfig("^/?acme-(?<org>[^:/]+):(?<team>.+)-leads$", "user", true),
                    new GroupMappingConfig("^/?acme-(?<org>[^:/]+):(?<team>.+)$", "user", false))));

    @Test
    void theFirstMatchingRuleDecidesAndUnmatchedGroupsAreIgnored() {
        GrantedAccess access = MAPPER.map(List.of("acme-eng-owners", "/acme-research", "other", "acme-", "ACME-x"));

        assertThat(access.orgs()).isEqualTo(Map.of("eng", OrgRole.ORG_ADMIN, "research", OrgRole.USER));
        assertThat(access.teams()).isEmpty();
        assertThat(access.admin()).isFalse();
    }

    @Test
    void aTeamGroupAlsoGivesItsOrganizationAndAdminFlagsCombine() {
        GrantedAccess access = MAPPER.map(List.of("acme-eng:web", "acme-eng:web-leads", "acme-ops:db",
                "acme-ops-owners", "gateway-admins"));

        assertThat(access.orgs()).isEqualTo(Map.of("eng", OrgRole.USER, "ops", OrgRole.ORG_ADMIN));
        assertThat(access.teams()).isEqualTo(Set.of(new GrantedAccess.TeamGrant("eng", "web", true),
                new GrantedAccess.TeamGrant("ops", "db", false)));
        assertThat(access.admin()).isTrue();
    }

    @Test
    void namesTooLongToStoreAreSkipped() {
        assertThat(MAPPER.map(List.of("acme-" + "a".repeat(201))).orgs()).isEmpty();
    }
}

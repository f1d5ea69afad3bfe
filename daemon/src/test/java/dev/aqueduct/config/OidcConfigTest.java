package dev.aqueduct.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OidcConfigTest {
    private static final String OIDC = "auth:\n  oidc:\n    issuer: \"https://id.example.com/realms/acme\"\n"
            + "    audience: aqueduct\n";

    @TempDir
    Path directory;

    private GatewayConfig load(String yaml) throws IOException {
        Path file = directory.resolve("aqueduct.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(Map.of()).load(file);
    }

    @Test
    void singleSignOnIsOffUnlessConfigured() throws IOException {
        assertThat(load("").auth().oidc()).isNull();
    }

    @Test
    void fillsDefaultsForTheOptionalFields() throws IOException {
        OidcConfig oidc = load(OIDC).auth().oidc();

        assertThat(oidc).isEqualTo(new OidcConfig(URI.create("https://id.example.com/realms/acme"), "aqueduct",
                "groups", null, 60, true, List.of()));
    }

    @Test
    void readsMappingRules() throws IOException {
        OidcConfig oidc = load(OIDC + """
                    admin-group: gateway-admins
                    groups-claim: realm_access.roles
                    clock-skew-seconds: 0
                    sync-teams: false
                    group-mappings:
                      - pattern: "^acme-(?<org>[^:]+):(?<team>.+)$"
                        team-admin: true
                      - { pattern: "^acme-(?<org>.+)-owners$", role: org_admin }
                """).auth().oidc();

        assertThat(oidc.groupMappings()).containsExactly(
                new GroupMappingConfig("^acme-(?<org>[^:]+):(?<team>.+)$", "user", true),
                new GroupMappingConfig("^acme-(?<org>.+)-owners$", "org_admin", false));
        assertThat(oidc.adminGroup()).isEqualTo("gateway-admins");
        assertThat(oidc.syncTeams()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "auth: { oidc: { audience: a } }|auth.oidc.issuer: is required",
        "auth: { oidc: { issuer: \"https://id.example.com\" } }|auth.oidc.audience: is required",
        "auth: { oidc: { issuer: \"http://id.example.com\", audience: a } }"
                + "|auth.oidc.issuer: must be an https URL (http only on a loopback address)",
        "auth: { oidc: { issuer: \"https://id.example.com?x=1\", audience: a } }"
                + "|auth.oidc.issuer: must have no query or fragment",
        "auth: { oidc: { issuer: \"https://id.example.com\", audience: a, clock-skew-seconds: -1 } }"
                + "|auth.oidc.clock-skew-seconds: must be between 0 and 600",
        "auth: { oidc: { issuer: \"https://id.example.com\", audience: a, admin-group: \"\" } }"
                + "|auth.oidc.admin-group: must not be empty",
        "auth: { oidc: { issuer: \"https://id.example.com\", audience: a, group-mappings: [{ pattern: \"acme-(\" }] } }"
                + "|auth.oidc.group-mappings[0].pattern: not a valid regular expression: Unclosed group",
        "auth: { oidc: { issuer: \"https://id.example.com\", audience: a, group-mappings: [{ pattern: \"acme-.+\" }] } }"
                + "|auth.oidc.group-mappings[0].pattern: needs a named group (?<org>...)",
        "auth: { oidc: { issuer: \"https://id.example.com\", audience: a,"
                + " group-mappings: [{ pattern: \"(?<org>.+)\", team-admin: true }] } }"
                + "|auth.oidc.group-mappings[0].team-admin: needs a named group (?<team>...)",
        "auth: { oidc: { issuer: \"https://id.example.com\", audience: a,"
                + " group-mappings: [{ pattern: \"(?<org>.+)\", role: admin }] } }"
                + "|auth.oidc.group-mappings[0].role: must be user or org_admin, got 'admin'",
        "auth: { oidc: { issuer: \"https://id.example.com\", audience: a, group-mappings: [{ regex: x }] } }"
                + "|auth.oidc.group-mappings[0].regex: unknown field",
    })
    void refusesBadSingleSignOnSettingsNamingTheField(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml.replace("\\n", "\n"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void acceptsPlainHttpOnlyForALoopbackProvider() throws IOException {
        assertThat(load("auth: { oidc: { issuer: \"http://127.0.0.1:8180/realms/acme\", audience: a } }")
                .auth().oidc().issuer().getPort()).isEqualTo(8180);
        assertThat(load("auth: { oidc: { issuer: \"http://localhost:8180/\", audience: a } }")
                .auth().oidc()).isNotNull();
    }
}

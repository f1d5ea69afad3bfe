package dev.aqueduct.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aqueduct.config.AuthConfig;
import dev.aqueduct.config.DatabaseConfig;
import dev.aqueduct.config.GatewayConfig;
import dev.aqueduct.config.MetricsConfig;
import dev.aqueduct.config.ServerConfig;
import dev.aqueduct.config.UsageConfig;
import dev.aqueduct.identity.IdentityService;
import dev.aqueduct.identity.OrgRole;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.store.Database;
import dev.aqueduct.store.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in against a real OpenID Connect provider, checked through the identity tables. */
class OidcSignInTest {
    @TempDir
    Path directory;

    private TestProvider provider;

    @BeforeEach
    void startProvider() {
        provider = TestProvider.started();
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    private Map<String, Object> person(String name, List<String> groups) {
        return Map.of("email", name + "@example.com", "email_verified", true, "name", name, "groups", groups);
    }

    @Test
    void thereIsNoSignInWithoutTheOidcSection() {
        try (Database database = TestDatabase.open(directory)) {
            GatewayConfig config = new GatewayConfig(ServerConfig.defaults(), DatabaseConfig.defaults(),
                    AuthConfig.defaults(), UsageConfig.defaults(), MetricsConfig.defaults(), List.of(), List.of());

            assertThat(OidcSignIn.fromConfig(config, database.jdbi(), Clock.systemUTC())).isEmpty();
        }
    }

    @Test
    void firstSignInCreatesTheUserTheirOrganizationsAndTeams() {
        try (SignInFixture gateway = new SignInFixture(directory, provider.issuer(), true)) {
            String token = provider.token("sub-ada", person("ada", List.of("acme-research", "acme-eng:backend",
                    "acme-eng:infra-leads", "acme-sales-admins", "unrelated")));

            String userId = gateway.signedIn(token);

            assertThat(gateway.email(userId)).isEqualTo("ada@example.com");
            assertThat(gateway.orgs(userId)).containsExactly("eng:user", "research:user", "sales:org_admin");
            assertThat(gateway.teams(userId)).containsExactly("eng/backend", "eng/infra (admin)");
            assertThat(gateway.isAdmin(userId)).isFalse();
        }
    }

    @Test
    void signingInWithFewerGroupsRemovesWhatTheGroupsNoLongerGiveWhenSyncing() {
        try (SignInFixture gateway = new SignInFixture(directory, provider.issuer(), true)) {
            String userId = gateway.signedIn(provider.token("sub-bo", person("bo", List.of("acme-research",
                    "acme-eng:backend", "acme-eng:infra-leads"))));

            gateway.signedIn(provider.token("sub-bo", person("bo", List.of("acme-eng:infra"))));

            assertThat(gateway.orgs(userId)).containsExactly("eng:user");
            assertThat(gateway.teams(userId)).containsExactly("eng/infra");
            assertThat(gateway.count("teams")).as("teams stay for other members").isEqualTo(2);
        }
    }

    @Test
    void signingInWithFewerGroupsOnlyAddsWithoutSync() {
        try (SignInFixture gateway = new SignInFixture(directory, provider.issuer(), false)) {
            String userId = gateway.signedIn(provider.token("sub-cy", person("cy", List.of("acme-research",
                    "acme-eng:backend", "acme-eng:infra-leads"))));

            gateway.signedIn(provider.token("sub-cy", person("cy", List.of("acme-eng:infra", "acme-eng:web"))));

            assertThat(gateway.orgs(userId)).containsExactly("eng:user", "research:user");
            assertThat(gateway.teams(userId)).containsExactly("eng/backend", "eng/infra (admin)", "eng/web");
        }
    }

    @Test
    void theAdminGroupMakesAnAdminAndLeavingItTakesAdminAway() {
        try (SignInFixture gateway = new SignInFixture(directory, provider.issuer(), true)) {
            String userId = gateway.signedIn(provider.token("sub-di", person("di", List.of("aqueduct-admins"))));
            assertThat(gateway.isAdmin(userId)).isTrue();

            gateway.signedIn(provider.token("sub-di", person("di", List.of("acme-eng"))));

            assertThat(gateway.isAdmin(userId)).isFalse();
        }
    }

    @Test
    void theBootstrapAdminIsLinkedByVerifiedEmailAndKeepsAdminAndTheirOrganization() {
        try (SignInFixture gateway = new SignInFixture(directory, provider.issuer(), true)) {
            var keys = new KeyService(gateway.database.jdbi(), gateway.clock);
            String adminId = new IdentityService(gateway.database.jdbi(), keys, gateway.clock)
                    .bootstrap("Root@Example.com", null).admin().id();

            String userId = gateway.signedIn(provider.token("sub-root", Map.of("email", "root@example.com",
                    "email_verified", true, "groups", List.of("acme-eng:backend"))));

            assertThat(userId).isEqualTo(adminId);
            assertThat(gateway.isAdmin(userId)).as("admin not granted by sign-in stays").isTrue();
            assertThat(gateway.orgs(userId)).containsExactly("default:org_admin", "eng:user");

            gateway.signedIn(provider.token("sub-root", Map.of("email", "root@example.com", "groups", List.of())));
            assertThat(gateway.orgs(userId)).containsExactly("default:org_admin");
            assertThat(gateway.count("users")).isEqualTo(1);
        }
    }

    @Test
    void anExistingAddressIsNotLinkedWithoutVerification() {
        try (SignInFixture gateway = new SignInFixture(directory, provider.issuer(), true)) {
            var keys = new KeyService(gateway.database.jdbi(), gateway.clock);
            new IdentityService(gateway.database.jdbi(), keys, gateway.clock).bootstrap("root@example.com", null);

            SignInOutcome outcome = gateway.signIn.signIn(provider.token("sub-mallory", Map.of(
                    "email", "root@example.com", "email_verified", false, "groups", List.of("aqueduct-admins"))));

            assertThat(outcome).isInstanceOf(SignInOutcome.Rejected.class);
            assertThat(((SignInOutcome.Rejected) outcome).reason()).isEqualTo(RejectReason.EMAIL_TAKEN);
            assertThat(gateway.count("users")).isEqualTo(1);
        }
    }

    @Test
    void aDisabledUserIsRefusedOnceTheCachedSignInRunsOut() {
        try (SignInFixture gateway = new SignInFixture(directory, provider.issuer(), true)) {
            String token = provider.token("sub-ed", person("ed", List.of("acme-eng")));
            String userId = gateway.signedIn(token);
            gateway.disable(userId);

            assertThat(gateway.signIn.userId(token)).as("served from the cache").contains(userId);
            gateway.clock.advance(OidcSignIn.CACHE_TIME);

            assertThat(gateway.signIn.signIn(token)).isEqualTo(new SignInOutcome.Rejected(RejectReason.USER_DISABLED,
                    "user=" + userId));
            assertThat(gateway.signIn.userId(provider.token("sub-ed", person("ed", List.of())))).isEmpty();
        }
    }

    @Test
    void rotatedKeysAreFetchedWhenATokenNamesANewKeyButNotMoreOftenThanTheLimit() {
        try (SignInFixture gateway = new SignInFixture(directory, provider.issuer(), true)) {
            gateway.signedIn(provider.token("sub-fa", person("fa", List.of())));
            int fetches = gateway.signIn.keySetFetches();

            provider.rotateKeys();
            gateway.signedIn(provider.token("sub-fa", person("fa", List.of("acme-eng"))));
            assertThat(gateway.signIn.keySetFetches()).isEqualTo(fetches + 1);

            provider.rotateKeys();
            SignInOutcome tooSoon = gateway.signIn.signIn(provider.token("sub-fa", person("fa", List.of())));
            assertThat(tooSoon).isInstanceOf(SignInOutcome.Rejected.class);
            assertThat(((SignInOutcome.Rejected) tooSoon).reason()).isEqualTo(RejectReason.UNKNOWN_KEY);
            assertThat(gateway.signIn.keySetFetches()).isEqualTo(fetches + 1);

            gateway.clock.advance(ProviderKeys.UNKNOWN_KEY_INTERVAL);
            gateway.signedIn(provider.token("sub-fa", person("fa", List.of())));
            assertThat(gateway.signIn.keySetFetches()).isEqualTo(fetches + 2);
        }
    }

    @Test
    void aProviderDownAtStartFailsSignInClearlyAndSignInRecoversWhenItComesUp() {
        try (TestProvider late = TestProvider.notYetStarted();
                SignInFixture gateway = new SignInFixture(directory, late.issuer(), true)) {
            SignInOutcome down = gateway.signIn.signIn("eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
            assertThat(down).isInstanceOf(SignInOutcome.Rejected.class);
            assertThat(((SignInOutcome.Rejected) down).reason()).isEqualTo(RejectReason.PROVIDER_UNAVAILABLE);
            assertThat(((SignInOutcome.Rejected) down).detail())
                    .contains(late.issuer() + "/.well-known/openid-configuration");

            late.start();
            gateway.clock.advance(ProviderKeys.DISCOVERY_RETRY);

            String userId = gateway.signedIn(late.token("sub-gu", person("gu", List.of("acme-eng"))));
            assertThat(gateway.orgs(userId)).containsExactly("eng:user");
        }
    }

    @Test
    void membershipsMadeByHandSurviveSync() {
        try (SignInFixture gateway = new SignInFixture(directory, provider.issuer(), true)) {
            var identity = new IdentityService(gateway.database.jdbi(),
                    new KeyService(gateway.database.jdbi(), gateway.clock), gateway.clock);
            identity.bootstrap("root@example.com", null);
            String userId = gateway.signedIn(provider.token("sub-hy", person("hy", List.of("acme-eng:backend"))));
            identity.addUser("hy@example.com", null, "default", OrgRole.USER);
            identity.addTeamMember(identity.createTeam("eng", "platform"), "hy@example.com", false);

            gateway.clock.advance(Duration.ofMinutes(2));
            gateway.signedIn(provider.token("sub-hy", person("hy", List.of())));

            assertThat(gateway.orgs(userId)).as("eng stays while a team there does")
                    .containsExactly("default:user", "eng:user");
            assertThat(gateway.teams(userId)).containsExactly("eng/platform");
        }
    }
}

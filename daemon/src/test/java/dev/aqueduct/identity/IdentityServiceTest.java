package dev.aqueduct.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aqueduct.keys.KeyOwner;
import dev.aqueduct.keys.KeyRecord;
import dev.aqueduct.keys.KeyScope;
import dev.aqueduct.keys.KeySecrets;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.store.Database;
import dev.aqueduct.store.DatabaseKind;
import dev.aqueduct.store.MutableClock;
import dev.aqueduct.store.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@ParameterizedClass
@EnumSource(DatabaseKind.class)
class IdentityServiceTest {
    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00.123Z");

    @Parameter
    DatabaseKind kind;

    @TempDir
    Path directory;

    private Database database;
    private KeyService keys;
    private IdentityService identity;

    @BeforeEach
    void setUp() {
        database = TestDatabase.open(kind, directory);
        MutableClock clock = new MutableClock(NOW);
        keys = new KeyService(database.jdbi(), clock);
        identity = new IdentityService(database.jdbi(), keys, clock);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void bootstrapCreatesTheOrganizationItsAdminAndAManagementKey() {
        BootstrapResult result = identity.bootstrap(" Admin@Example.COM ", null);

        assertThat(result.organization().name()).isEqualTo("default");
        assertThat(result.organization().id()).startsWith("org_");
        assertThat(result.admin().email()).isEqualTo("admin@example.com");
        assertThat(result.admin().admin()).isTrue();
        assertThat(result.admin().createdAt()).isEqualTo(NOW);
        assertThat(identity.listUsers()).singleElement().satisfies(listing -> assertThat(listing.memberships())
                .containsExactly(new Membership(result.organization().id(), "default", result.admin().id(),
                        OrgRole.ORG_ADMIN)));

        KeyRecord key = keys.findByHash(KeySecrets.hash(result.managementKey().secret())).orElseThrow();
        assertThat(result.managementKey().secret()).startsWith("aqm-");
        assertThat(key.scope()).isEqualTo(KeyScope.MANAGEMENT);
        assertThat(key.userId()).isEqualTo(result.admin().id());
        assertThat(key.orgId()).isEqualTo(result.organization().id());
        assertThat(key.activeAt(NOW)).isTrue();
    }

    @Test
    void bootstrapUsesTheNamedOrganization() {
        assertThat(identity.bootstrap("admin@example.com", "acme").organization().name()).isEqualTo("acme");
        assertThat(identity.listOrganizations()).extracting(Organization::name).containsExactly("acme");
    }

    @Test
    void refusesASecondBootstrapAndChangesNothing() {
        identity.bootstrap("admin@example.com", null);

        assertThatThrownBy(() -> identity.bootstrap("other@example.com", "other"))
                .isInstanceOf(AlreadyBootstrappedException.class)
                .hasMessageStartingWith("This gateway is already bootstrapped");

        assertThat(identity.findUserByEmail("other@example.com")).isEmpty();
        assertThat(identity.listOrganizations()).extracting(Organization::name).containsExactly("default");
        assertThat(keys.list(null)).hasSize(1);
    }

    @Test
    void bootstrapMakesAnExistingUserTheAdmin() {
        identity.bootstrap("admin@example.com", null);
        identity.addUser("bob@example.com", null, "default", OrgRole.USER);
        database.jdbi().useHandle(h -> h.execute("UPDATE users SET is_admin = FALSE"));

        BootstrapResult result = identity.bootstrap("bob@example.com", null);

        assertThat(result.admin().admin()).isTrue();
        assertThat(identity.listUsers()).hasSize(2);
    }

    @Test
    void addsAUserToAnOrganizationWithARole() {
        identity.bootstrap("admin@example.com", null);

        User bob = identity.addUser("Bob@Example.com", "Bob", "default", OrgRole.ORG_ADMIN);

        assertThat(bob.email()).isEqualTo("bob@example.com");
        assertThat(bob.name()).isEqualTo("Bob");
        assertThat(bob.admin()).isFalse();
        assertThat(identity.findUserByEmail("BOB@example.com")).contains(bob);
        assertThat(identity.listUsers()).filteredOn(listing -> listing.user().equals(bob)).singleElement()
                .satisfies(listing -> assertThat(listing.memberships()).extracting(Membership::role)
                        .containsExactly(OrgRole.ORG_ADMIN));
    }

    @Test
    void refusesToAddAMemberTwice() {
        identity.bootstrap("admin@example.com", null);
        identity.addUser("bob@example.com", null, "default", OrgRole.USER);

        assertThatThrownBy(() -> identity.addUser("bob@example.com", null, "default", OrgRole.ORG_ADMIN))
                .isInstanceOf(IdentityException.class)
                .hasMessage("User bob@example.com is already a member of organization 'default'");
    }

    @Test
    void refusesAnUnknownOrganizationNamingTheKnownOnes() {
        identity.bootstrap("admin@example.com", "acme");

        assertThatThrownBy(() -> identity.addUser("bob@example.com", null, "acme-typo", OrgRole.USER))
                .isInstanceOf(IdentityException.class)
                .hasMessage("Unknown organization 'acme-typo'; known organizations: acme");
        assertThat(identity.findUserByEmail("bob@example.com")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bob", "bob@", "@example.com", "bob@@example.com", "bob smith@example.com"})
    void refusesMalformedEmailAddresses(String email) {
        assertThatThrownBy(() -> identity.bootstrap(email, null))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining("is not an email address");
        assertThat(identity.listUsers()).isEmpty();
    }

    @Test
    void requireUserSaysHowToAddTheUser() {
        assertThatThrownBy(() -> identity.requireUser("nobody@example.com"))
                .isInstanceOf(UnknownUserException.class)
                .hasMessage("Unknown user 'nobody@example.com'; add the user first: aqueduct users add --email "
                        + "nobody@example.com");
    }

    @Test
    void keyOwnerIsTheUsersOnlyOrganization() {
        BootstrapResult result = identity.bootstrap("admin@example.com", null);

        KeyOwner owner = identity.keyOwner("ADMIN@example.com", null);

        assertThat(owner).isEqualTo(KeyOwner.user(result.organization().id(), result.admin().id()));
    }

    @Test
    void keyOwnerNeedsAnOrganizationNameWhenTheUserHasSeveral() {
        identity.bootstrap("admin@example.com", "acme");
        database.jdbi().useHandle(h -> h.execute(
                "INSERT INTO organizations (id, name, created_at) VALUES ('org_other', 'other', 0)"));
        identity.addUser("admin@example.com", null, "other", OrgRole.USER);

        assertThatThrownBy(() -> identity.keyOwner("admin@example.com", null))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining("several organizations (acme, other); name one with --org");
        assertThat(identity.keyOwner("admin@example.com", "other").orgId()).isEqualTo("org_other");
    }

    @Test
    void keyOwnerRefusesADisabledUser() {
        identity.bootstrap("admin@example.com", null);
        identity.setDisabled("admin@example.com", true);

        assertThatThrownBy(() -> identity.keyOwner("admin@example.com", null))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining("is disabled");
    }

    @Test
    void addsOrganizationMembersToTeams() {
        identity.bootstrap("admin@example.com", "acme");
        identity.addUser("bob@example.com", null, "acme", OrgRole.USER);
        Team team = identity.createTeam("acme", "platform");

        identity.addTeamMember(team, "bob@example.com", true);

        assertThatThrownBy(() -> identity.addTeamMember(team, "bob@example.com", false))
                .isInstanceOf(IdentityException.class)
                .hasMessage("User bob@example.com is already in team 'platform'");
        boolean teamAdmin = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT team_admin FROM team_members WHERE team_id = :team").bind("team", team.id())
                .mapTo(Boolean.class).one());
        assertThat(teamAdmin).isTrue();
    }

    @Test
    void refusesTeamMembersFromOutsideTheOrganization() {
        identity.bootstrap("admin@example.com", "acme");
        Team team = identity.createTeam("acme", "platform");
        database.jdbi().useHandle(h -> h.execute(
                "INSERT INTO organizations (id, name, created_at) VALUES ('org_other', 'other', 0)"));
        identity.addUser("eve@example.com", null, "other", OrgRole.USER);

        assertThatThrownBy(() -> identity.addTeamMember(team, "eve@example.com", false))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining("not a member of the organization of team 'platform'");
        assertThatThrownBy(() -> identity.createTeam("acme", "platform"))
                .hasMessage("Organization 'acme' already has a team 'platform'");
    }

    @Test
    void rolesParseFromTheirStoredNames() {
        assertThat(OrgRole.parse("ORG_ADMIN")).isEqualTo(OrgRole.ORG_ADMIN);
        assertThatThrownBy(() -> OrgRole.parse("owner"))
                .hasMessage("Unknown role 'owner'; known roles: user, org_admin");
    }
}

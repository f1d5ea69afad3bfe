package dev.aqueduct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aqueduct.common.admin.AuditEntry;
import dev.aqueduct.common.admin.CreatedKey;
import dev.aqueduct.common.admin.Key;
import dev.aqueduct.common.admin.Me;
import dev.aqueduct.common.admin.Organization;
import dev.aqueduct.common.admin.OwnerType;
import dev.aqueduct.common.admin.Page;
import dev.aqueduct.common.admin.Role;
import dev.aqueduct.common.admin.ServiceAccount;
import dev.aqueduct.common.admin.Team;
import dev.aqueduct.common.admin.TeamMember;
import dev.aqueduct.common.admin.UsageTable;
import dev.aqueduct.common.admin.User;
import dev.aqueduct.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remote commands against a real daemon: what they send, print and answer in JSON. */
class RemoteCommandsTest {
    @TempDir
    Path directory;

    private RemoteGateway gateway;

    @BeforeEach
    void start() {
        gateway = RemoteGateway.start(directory);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void showsWhoTheTokenSignsInAs() {
        Cli.Result table = gateway.run("me");
        Me me = json(gateway.run("me", "--output", "json"), Me.class);

        assertThat(table.exitCode()).isZero();
        assertThat(table.err()).isEmpty();
        assertThat(table.outLines()).contains("role:          admin",
                "organizations: default (" + me.orgs().getFirst().id() + ", org_admin)");
        assertThat(table.outLines().getFirst()).startsWith("user:").contains("admin@example.com");
        assertThat(me.user().role()).isEqualTo(Role.ADMIN);
        assertThat(table.out()).doesNotContain(gateway.adminKey());
    }

    @Test
    void setsUpAnOrganizationWithATeamAndItsMembers() {
        Organization org = json(gateway.run("orgs", "create", "--name", "acme", "-o", "json"), Organization.class);
        Team team = json(gateway.run("teams", "create", "--org", org.id(), "--name", "platform", "-o", "json"),
                Team.class);
        User bob = json(gateway.run("users", "create", "--email", "bob@example.com", "--name", "Bob", "--org",
                org.id(), "-o", "json"), User.class);
        Cli.Result added = gateway.run("members", "add", "--team", team.id(), "--user", "bob@example.com",
                "--team-admin");

        assertThat(team.orgId()).isEqualTo(org.id());
        assertThat(bob.role()).isEqualTo(Role.USER);
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.outLines()).contains("user:       " + bob.id(), "team admin: yes");
        Page<TeamMember> members = page(gateway.run("members", "list", "--team", team.id(), "-o", "json"),
                new TypeReference<>() { });
        assertThat(members.data()).singleElement()
                .isEqualTo(new TeamMember(team.id(), bob.id(), "bob@example.com", "Bob", true));

        Cli.Result demoted = gateway.run("members", "update", "--team", team.id(), "--user", bob.id(),
                "--team-admin", "false");
        assertThat(demoted.outLines()).contains("team admin: no");
        Cli.Result listed = gateway.run("teams", "list", "--org", org.id());
        assertThat(listed.outLines()).hasSize(2);
        assertThat(listed.outLines().get(1)).startsWith(team.id()).contains("platform", org.id());

        Cli.Result removed = gateway.run("members", "remove", "--team", team.id(), "--user", "bob@example.com");
        assertThat(removed.outLines()).containsExactly("Removed bob@example.com from team " + team.id() + ".");
        assertThat(gateway.run("members", "list", "--team", team.id()).outLines())
                .containsExactly("No members in " + team.id() + ".");
    }

    @Test
    void createsListsRevokesAndRegeneratesKeys() {
        Organization org = json(gateway.run("orgs", "show", orgIdOf("default"), "-o", "json"), Organization.class);
        gateway.run("users", "create", "--email", "carol@example.com", "--org", org.id());

        Cli.Result created = gateway.run("keys", "create", "--user", "carol@example.com", "--name", "laptop",
                "--expires", "30d");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.outLines()).hasSize(3);
        assertThat(created.outLines().get(0))
                .matches("Created key \\S+ 'laptop' \\(inference\\) for carol@example.com, expires .+Z\\.");
        String secret = created.outLines().get(2);
        assertThat(secret).matches("aqk-[A-Za-z0-9_-]{43}");
        String prefix = secret.substring(0, 12);

        Cli.Result listed = gateway.run("keys", "list", "--user", "carol@example.com");
        assertThat(listed.out()).doesNotContain(secret);
        assertThat(listed.outLines().get(0).split("\\s{2,}"))
                .containsExactly("ID", "PREFIX", "NAME", "OWNER", "SCOPE", "CREATED", "EXPIRES", "LAST USED", "STATE");
        assertThat(listed.outLines()).hasSize(2);
        assertThat(listed.outLines().get(1)).contains(prefix, "laptop", "carol@example.com", "inference", "active");

        Key renamed = json(gateway.run("keys", "update", prefix, "--name", "desktop", "-o", "json"), Key.class);
        assertThat(renamed.name()).isEqualTo("desktop");

        CreatedKey regenerated = json(gateway.run("keys", "regenerate", renamed.id(), "-o", "json"),
                CreatedKey.class);
        assertThat(regenerated.secret()).startsWith("aqk-").isNotEqualTo(secret);

        Cli.Result revoked = gateway.run("keys", "revoke", regenerated.id());
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        assertThat(revoked.outLines()).anyMatch(line -> line.startsWith("revoked:") && line.endsWith("Z"));
        Key shown = json(gateway.run("keys", "show", regenerated.id(), "-o", "json"), Key.class);
        assertThat(shown.revokedAt()).isNotNull();
    }

    @Test
    void givesKeysToServiceAccountsAndTransfersThemBetweenPeople() {
        String orgId = orgIdOf("default");
        Team team = json(gateway.run("teams", "create", "--org", orgId, "--name", "ml", "-o", "json"), Team.class);
        ServiceAccount account = json(gateway.run("service-accounts", "create", "--team", team.id(), "--name", "ci",
                "-o", "json"), ServiceAccount.class);
        CreatedKey robotKey = json(gateway.run("keys", "create", "--service-account", account.id(), "--name", "deploy",
                "-o", "json"), CreatedKey.class);
        assertThat(robotKey.owner().type()).isEqualTo(OwnerType.SERVICE_ACCOUNT);
        assertThat(gateway.run("keys", "list", "--team", team.id()).outLines().get(1))
                .contains(robotKey.prefix(), "ci (service account)");

        gateway.run("users", "create", "--email", "dan@example.com", "--org", orgId);
        gateway.run("users", "create", "--email", "eve@example.com", "--org", orgId);
        CreatedKey dansKey = json(gateway.run("keys", "create", "--user", "dan@example.com", "-o", "json"),
                CreatedKey.class);
        CreatedKey transferred = json(gateway.run("keys", "transfer", dansKey.id(), "--user", "eve@example.com",
                "-o", "json"), CreatedKey.class);
        assertThat(transferred.owner().name()).isEqualTo("eve@example.com");
        assertThat(transferred.secret()).startsWith(transferred.prefix()).isNotEqualTo(dansKey.secret());

        Cli.Result refused = gateway.run("service-accounts", "delete", account.id());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.errLines()).singleElement().asString().contains("(409 conflict_error)");
        Cli.Result deleted = gateway.run("service-accounts", "delete", account.id(), "--cascade");
        assertThat(deleted.outLines()).containsExactly("Deleted service account " + account.id() + ".");
        assertThat(gateway.run("service-accounts", "list", "--team", team.id()).outLines())
                .containsExactly("No service accounts in " + team.id() + ".");
    }

    @Test
    void pagesThroughListingsOrFollowsEveryPage() {
        for (String name : new String[] {"alpha", "beta", "gamma"}) {
            assertThat(gateway.run("orgs", "create", "--name", name).exitCode()).isZero();
        }

        Cli.Result first = gateway.run("orgs", "list", "--limit", "2");
        Cli.Result all = gateway.run("orgs", "list", "--all", "--limit", "2");
        Page<Organization> firstJson = page(gateway.run("orgs", "list", "--limit", "2", "-o", "json"),
                new TypeReference<>() { });
        Page<Organization> allJson = page(gateway.run("orgs", "list", "--all", "--limit", "3", "-o", "json"),
                new TypeReference<>() { });
        Page<Organization> rest = page(gateway.run("orgs", "list", "--after", firstJson.nextAfter(), "-o", "json"),
                new TypeReference<>() { });

        assertThat(first.outLines()).hasSize(4);
        assertThat(first.outLines().get(3))
                .isEqualTo("More follow: show them with --after " + firstJson.nextAfter() + ", or all with --all.");
        assertThat(all.outLines()).hasSize(5);
        assertThat(firstJson.hasMore()).isTrue();
        assertThat(firstJson.data()).hasSize(2);
        assertThat(allJson.hasMore()).isFalse();
        assertThat(allJson.data()).extracting(Organization::name)
                .containsExactlyInAnyOrder("default", "alpha", "beta", "gamma");
        assertThat(rest.data()).hasSize(2).doesNotContainAnyElementsOf(firstJson.data());
    }

    @Test
    void showsTheAuditLogOfItsChanges() {
        Organization org = json(gateway.run("orgs", "create", "--name", "audited", "-o", "json"), Organization.class);
        gateway.run("orgs", "update", org.id(), "--name", "audited-2");

        Page<AuditEntry> entries = page(gateway.run("audit", "list", "--org", org.id(), "-o", "json"),
                new TypeReference<>() { });
        Cli.Result table = gateway.run("audit", "list", "--org", org.id());

        assertThat(entries.data()).extracting(AuditEntry::action).containsExactly("org.update", "org.create");
        assertThat(table.outLines().get(0).split("\\s{2,}"))
                .containsExactly("TIME", "ACTOR", "ACTION", "OBJECT", "ORGANIZATION", "CHANGES");
        assertThat(table.outLines().get(1)).contains("org.update", "org " + org.id());
    }

    @Test
    void asksTheGatewayForAUsageReport() {
        UsageTable report = json(gateway.run("usage", "--group-by", "model", "--per", "hour", "--since", "2h",
                "--output", "json"), UsageTable.class);
        Cli.Result table = gateway.run("usage", "--org", "default", "--user", "admin@example.com");

        assertThat(report.groupBy()).isEqualTo("model");
        assertThat(report.per()).isEqualTo("hour");
        assertThat(report.data()).isEmpty();
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.outLines()).singleElement().asString().matches("No usage from \\S+ \\S+Z to \\S+ \\S+Z\\.");
    }

    @Test
    void printsTheJsonExactlyAsTheApiAnswers() throws IOException {
        Cli.Result shown = gateway.run("orgs", "list", "-o", "json");

        JsonNode printed = Json.mapper().readTree(shown.out());
        assertThat(shown.outLines()).hasSize(1);
        assertThat(printed.fieldNames()).toIterable().containsExactly("data", "has_more", "next_after");
        assertThat(printed.get("data").get(0).fieldNames()).toIterable().containsExactly("id", "name", "created_at");
    }

    private String orgIdOf(String name) {
        Page<Organization> orgs = page(gateway.run("orgs", "list", "--all", "-o", "json"), new TypeReference<>() { });
        return orgs.data().stream().filter(org -> org.name().equals(name)).findFirst().orElseThrow().id();
    }

    static <T> T json(Cli.Result result, Class<T> type) {
        assertThat(result.exitCode()).as(result.err()).isZero();
        try {
            return Json.mapper().readValue(result.out(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> Page<T> page(Cli.Result result, TypeReference<Page<T>> type) {
        assertThat(result.exitCode()).as(result.err()).isZero();
        try {
            return Json.mapper().readValue(result.out(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

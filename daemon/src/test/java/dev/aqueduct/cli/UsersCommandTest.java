package dev.aqueduct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersCommandTest {
    @TempDir
    Path directory;

    private Cli cli;

    @BeforeEach
    void bootstrap() {
        cli = new Cli(directory);
        cli.run("bootstrap", "--email", "admin@example.com");
    }

    @Test
    void addsAUserAndListsEveryone() {
        Cli.Result added = cli.run("users", "add", "--email", "Bob@Example.com", "--name", "Bob",
                "--role", "org_admin");

        assertThat(added.exitCode()).isZero();
        assertThat(added.outLines()).containsExactly(
                "Added bob@example.com to organization 'default' as org_admin.",
                "Create a key for them with: aqueduct keys create --user bob@example.com");

        Cli.Result listed = cli.run("users", "list");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.outLines()).hasSize(3);
        assertThat(listed.outLines().get(0)).startsWith("EMAIL").contains("ORGANIZATIONS", "STATE");
        assertThat(listed.outLines().get(1)).startsWith("admin@example.com").contains("yes", "default (org_admin)");
        assertThat(listed.outLines().get(2)).startsWith("bob@example.com").contains("Bob", "no", "active");
    }

    @Test
    void refusesAnUnknownOrganization() {
        Cli.Result result = cli.run("users", "add", "--email", "bob@example.com", "--org", "nope");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly(
                "aqueduct: Unknown organization 'nope'; known organizations: default");
        assertThat(cli.run("users", "list").out()).doesNotContain("bob@example.com");
    }

    @Test
    void refusesAnUnknownRoleAsACommandLineMistake() {
        Cli.Result result = cli.run("users", "add", "--email", "bob@example.com", "--role", "owner");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'owner' is not a role; use one of user, org_admin");
    }

    @Test
    void refusesAMalformedEmailAddress() {
        Cli.Result result = cli.run("users", "add", "--email", "bob at example.com");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString().contains("is not an email address");
    }

    @Test
    void listsNothingBeforeBootstrap() {
        Cli.Result result = new Cli(directory.resolve("fresh")).run("users", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("No users yet; create the first admin with: aqueduct bootstrap");
    }
}

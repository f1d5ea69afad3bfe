package dev.aqueduct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapCommandTest {
    @TempDir
    Path directory;

    @Test
    void printsTheManagementKeyOnceWithAnExplanation() {
        Cli.Result result = new Cli(directory).run("bootstrap", "--email", "Admin@Example.com");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.outLines()).hasSize(3);
        assertThat(result.outLines().get(0)).isEqualTo("Bootstrapped organization 'default' with admin "
                + "admin@example.com.");
        assertThat(result.outLines().get(1)).contains("shown only once");
        assertThat(result.outLines().get(2)).matches("aqm-[A-Za-z0-9_-]{43}");
    }

    @Test
    void createsTheNamedOrganization() {
        Cli.Result result = new Cli(directory).run("bootstrap", "--email", "admin@example.com", "--org", "acme");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines().getFirst()).startsWith("Bootstrapped organization 'acme'");
    }

    @Test
    void refusesASecondBootstrapWithOneLine() {
        Cli cli = new Cli(directory);
        cli.run("bootstrap", "--email", "admin@example.com");

        Cli.Result again = cli.run("bootstrap", "--email", "other@example.com");

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.out()).isEmpty();
        assertThat(again.errLines()).singleElement().asString()
                .startsWith("aqueduct: This gateway is already bootstrapped: an admin exists.");
        assertThat(cli.run("users", "list").out()).doesNotContain("other@example.com");
    }

    @Test
    void refusesAMalformedEmailAddress() {
        Cli cli = new Cli(directory);

        Cli.Result result = cli.run("bootstrap", "--email", "not-an-email");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly(
                "aqueduct: 'not-an-email' is not an email address; expected name@domain");
        assertThat(cli.run("users", "list").out()).startsWith("No users yet");
    }

    @Test
    void needsAnEmailAddress() {
        Cli.Result result = new Cli(directory).run("bootstrap");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required option: '--email=ADDRESS'");
    }

    @Test
    void reportsADatabaseThatCannotBeOpenedInOneLine() throws IOException {
        Path blocker = Files.writeString(directory.resolve("blocker"), "x");
        Cli cli = new Cli(directory, "jdbc:sqlite:" + blocker.resolve("a.db"));

        Cli.Result result = cli.run("bootstrap", "--email", "admin@example.com");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("aqueduct: Cannot create the database directory " + blocker + ": ");
    }
}

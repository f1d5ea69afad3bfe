package dev.aqueduct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which way a command that works both ways runs: --config for the database, --url for the admin API. */
class WhereTest {
    @TempDir
    Path directory;

    private Cli cli;

    @BeforeEach
    void bootstrap() {
        cli = new Cli(directory);
        cli.run("bootstrap", "--email", "admin@example.com");
    }

    @Test
    void refusesBothTheDatabaseAndTheAdminApi() {
        Cli.Result result = cli.run("keys", "list", "--url", "http://127.0.0.1:8080");

        assertThat(result.exitCode()).isEqualTo(AqueductCommand.EXIT_USAGE);
        assertThat(result.errLines()).containsExactly("aqueduct: aqueduct keys list: give --config FILE (the database)"
                + " or --url URL (a running gateway), not both (see: aqueduct keys list --help)");
    }

    @Test
    void asksWhereToWorkWhenGivenNeither() {
        Cli.Result result = Cli.runIn(Map.of(), "users", "list");

        assertThat(result.exitCode()).isEqualTo(AqueductCommand.EXIT_USAGE);
        assertThat(result.errLines()).containsExactly("aqueduct: aqueduct users list: say where to work: --url URL"
                + " (or AQUEDUCT_URL) for a running gateway's admin API, or --config FILE for its database"
                + " (see: aqueduct users list --help)");
    }

    @Test
    void letsConfigOnTheCommandLineWinOverTheUrlInTheEnvironment() {
        Cli.Result result = Cli.runIn(Map.of("AQUEDUCT_URL", "http://127.0.0.1:9"), "users", "list", "--config",
                directory.resolve("aqueduct.yaml").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines().get(1)).startsWith("admin@example.com");
    }

    @Test
    void refusesOptionsOnlyTheAdminApiUnderstandsOnTheDatabase() {
        Cli.Result team = cli.run("keys", "list", "--team", "team_1");
        Cli.Result json = cli.run("orgs", "list", "--output", "json");
        Cli.Result limit = cli.run("users", "list", "--limit", "5");

        assertThat(team.exitCode()).isEqualTo(AqueductCommand.EXIT_USAGE);
        assertThat(team.errLines()).singleElement().asString()
                .contains("--service-account, --team and --org works only through the admin API (--url)");
        assertThat(json.exitCode()).isEqualTo(AqueductCommand.EXIT_USAGE);
        assertThat(json.err()).contains("'--config'");
        assertThat(limit.exitCode()).isEqualTo(AqueductCommand.EXIT_USAGE);
        assertThat(limit.errLines()).singleElement().asString()
                .contains("--limit, --after and --all works only through the admin API (--url)");
    }

    @Test
    void stillNeedsAnOwnerForAKeyOnTheDatabase() {
        Cli.Result result = cli.run("keys", "create", "--name", "laptop");

        assertThat(result.exitCode()).isEqualTo(AqueductCommand.EXIT_USAGE);
        assertThat(result.err()).contains("Missing --user: on the database a key needs its owner's email address");
    }
}

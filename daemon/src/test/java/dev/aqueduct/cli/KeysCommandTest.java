package dev.aqueduct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
    @TempDir
    Path directory;

    private Cli cli;

    @BeforeEach
    void bootstrap() {
        cli = new Cli(directory);
        cli.run("bootstrap", "--email", "admin@example.com");
        cli.run("users", "add", "--email", "alice@example.com");
    }

    @Test
    void createsAnInferenceKeyAndPrintsItOnce() {
        Cli.Result result = cli.run("keys", "create", "--user", "alice@example.com", "--name", "laptop");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.outLines()).hasSize(3);
        assertThat(result.outLines().get(0))
                .matches("Created key key_\\S+ 'laptop' for alice@example.com, no expiry\\.");
        assertThat(result.outLines().get(2)).matches("aqk-[A-Za-z0-9_-]{43}");

        Cli.Result listed = cli.run("keys", "list", "--user", "alice@example.com");
        assertThat(listed.out()).doesNotContain(result.outLines().get(2));
        assertThat(listed.outLines()).hasSize(2);
        assertThat(listed.outLines().get(0).split("\\s{2,}"))
                .containsExactly("ID", "PREFIX", "NAME", "OWNER", "SCOPE", "CREATED", "EXPIRES", "LAST USED", "STATE");
        assertThat(listed.outLines().get(1)).contains(result.outLines().get(2).substring(0, 12), "laptop",
                "alice@example.com", "inference", "active");
    }

    @Test
    void createsAPersonsFirstManagementKeyOnTheDatabase() {
        Cli.Result result = cli.run("keys", "create", "--user", "alice@example.com", "--scope", "management");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines().get(0))
                .matches("Created management key key_\\S+ 'default' for alice@example.com, no expiry\\.");
        assertThat(result.outLines().get(2)).matches("aqm-[A-Za-z0-9_-]{43}");
        assertThat(cli.run("keys", "list", "--user", "alice@example.com").outLines().get(1))
                .contains("alice@example.com", "management", "active");
    }

    @Test
    void createsAKeyThatExpires() {
        Cli.Result result = cli.run("keys", "create", "--user", "alice@example.com", "--expires", "30d");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines().getFirst()).matches(".*, expires \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}Z\\.");
    }

    @Test
    void listsEveryKeyWithItsOwner() {
        cli.run("keys", "create", "--user", "alice@example.com");

        Cli.Result listed = cli.run("keys", "list");

        assertThat(listed.outLines()).hasSize(3);
        assertThat(listed.outLines().get(1)).contains("bootstrap", "admin@example.com", "management", "active");
        assertThat(listed.outLines().get(2)).contains("alice@example.com", "inference");
    }

    @Test
    void refusesAnUnknownUserAndSaysHowToAddIt() {
        Cli.Result result = cli.run("keys", "create", "--user", "bob@example.com");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).containsExactly("aqueduct: Unknown user 'bob@example.com'; add the user first:"
                + " aqueduct users add --email bob@example.com");
        assertThat(keyRows()).hasSize(1);
    }

    @Test
    void refusesAnExpiryItCannotRead() {
        Cli.Result result = cli.run("keys", "create", "--user", "alice@example.com", "--expires", "soon");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'soon' is not a span like 90m, 12h, 30d or 2w, or a date like 2026-12-31");
        assertThat(keyRows()).hasSize(1);
    }

    @Test
    void refusesAnExpiryInThePast() {
        Cli.Result result = cli.run("keys", "create", "--user", "alice@example.com", "--expires", "2020-01-01");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'2020-01-01' is not in the future");
    }

    @Test
    void revokesAKeyByPrefixAndSaysSoWhenAskedAgain() {
        String secret = cli.run("keys", "create", "--user", "alice@example.com").outLines().get(2);
        String prefix = secret.substring(0, 12);

        Cli.Result revoked = cli.run("keys", "revoke", prefix);
        Cli.Result again = cli.run("keys", "revoke", prefix);

        assertThat(revoked.exitCode()).isZero();
        assertThat(revoked.outLines()).singleElement().asString().endsWith("(" + prefix + ", 'default') is revoked.");
        assertThat(again.exitCode()).isZero();
        assertThat(again.outLines()).singleElement().asString().contains("was already revoked at");
        assertThat(cli.run("keys", "list", "--user", "alice@example.com").outLines().get(1)).endsWith("revoked");
    }

    @Test
    void refusesToRevokeAnUnknownKey() {
        Cli.Result result = cli.run("keys", "revoke", "aqk-nothing0");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly(
                "aqueduct: No key has id or prefix 'aqk-nothing0'; see the keys with: aqueduct keys list");
    }

    @Test
    void refusesToListTheKeysOfAnUnknownUser() {
        Cli.Result result = cli.run("keys", "list", "--user", "nobody@example.com");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("aqueduct users add --email nobody@example.com");
    }

    @Test
    void saysWhenAUserHasNoKeys() {
        Cli.Result result = cli.run("keys", "list", "--user", "alice@example.com");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("No keys for alice@example.com; create one with:");
    }

    private List<String> keyRows() {
        List<String> lines = cli.run("keys", "list").outLines();
        return lines.subList(1, lines.size());
    }
}

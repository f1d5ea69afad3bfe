package dev.aqueduct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the remote commands fail: one line on stderr, the documented exit code, never the token. */
class RemoteFailuresTest {
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
    void refusesAWrongTokenWithExitCodeThreeAndNeverShowsIt() {
        String wrong = "aqm-" + "x".repeat(43);

        Cli.Result result = gateway.runWithToken(wrong, "orgs", "list");

        assertThat(result.exitCode()).isEqualTo(AqueductCommand.EXIT_REFUSED);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("aqueduct: ")
                .contains("(401 authentication_error); give a management key with AQUEDUCT_TOKEN or --token")
                .doesNotContain(wrong);
    }

    @Test
    void refusesAnInferenceKeyOnTheAdminApi() {
        String secret = gateway.run("keys", "create", "--name", "mine").outLines().get(2);

        Cli.Result result = gateway.runWithToken(secret, "me");

        assertThat(result.exitCode()).isEqualTo(AqueductCommand.EXIT_REFUSED);
        assertThat(result.errLines()).singleElement().asString().doesNotContain(secret);
    }

    @Test
    void saysWhenAnObjectDoesNotExistWithExitCodeFour() {
        Cli.Result result = gateway.run("teams", "show", "team_nope");

        assertThat(result.exitCode()).isEqualTo(AqueductCommand.EXIT_NOT_FOUND);
        assertThat(result.errLines()).containsExactly("aqueduct: No team 'team_nope' (404 not_found_error)");
    }

    @Test
    void saysWhenNoUserHasTheEmail() {
        Cli.Result result = gateway.run("keys", "create", "--user", "nobody@example.com");

        assertThat(result.exitCode()).isEqualTo(AqueductCommand.EXIT_NOT_FOUND);
        assertThat(result.errLines()).containsExactly("aqueduct: No user with email 'nobody@example.com' that you"
                + " may see (404 not_found_error, param user_id)");
    }

    @Test
    void passesOnTheServersMessageAndParamForBadInput() {
        Cli.Result first = gateway.run("orgs", "create", "--name", "twice");
        Cli.Result second = gateway.run("orgs", "create", "--name", "twice");
        Cli.Result blank = gateway.run("orgs", "create", "--name", " ");

        assertThat(first.exitCode()).isZero();
        assertThat(second.exitCode()).isEqualTo(AqueductCommand.EXIT_FAILED);
        assertThat(second.errLines()).containsExactly(
                "aqueduct: An organization named 'twice' exists already (409 conflict_error)");
        assertThat(blank.exitCode()).isEqualTo(AqueductCommand.EXIT_FAILED);
        assertThat(blank.errLines()).singleElement().asString().contains("(400 invalid_request_error, param name)");
    }

    @Test
    void namesTheUrlWhenNoGatewayListens() throws IOException {
        String url;
        try (MockWebServer closed = new MockWebServer()) {
            closed.start(InetAddress.getLoopbackAddress(), 0);
            url = "http://127.0.0.1:" + closed.getPort();
        }

        Cli.Result result = Cli.runIn(Map.of("AQUEDUCT_TOKEN", gateway.adminKey()), "orgs", "list", "--url", url);

        assertThat(result.exitCode()).isEqualTo(AqueductCommand.EXIT_FAILED);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("aqueduct: Cannot connect to " + url + ": ")
                .endsWith("; is the gateway running there, and is --url right?");
    }

    @Test
    void refusesAUrlThatIsNotOne() {
        Cli.Result result = Cli.runIn(Map.of(), "orgs", "list", "--url", "localhost:8080");

        assertThat(result.exitCode()).isEqualTo(AqueductCommand.EXIT_USAGE);
        assertThat(result.errLines()).containsExactly("aqueduct: 'localhost:8080' is not an http or https URL such as"
                + " http://127.0.0.1:8080 (see: aqueduct orgs list --help)");
    }

    @Test
    void asksForTheUrlOfARemoteOnlyCommand() {
        Cli.Result result = Cli.runIn(Map.of(), "orgs", "list");

        assertThat(result.exitCode()).isEqualTo(AqueductCommand.EXIT_USAGE);
        assertThat(result.errLines()).containsExactly("aqueduct: aqueduct orgs list calls the admin API of a running"
                + " gateway: give its URL with --url or AQUEDUCT_URL (see: aqueduct orgs list --help)");
    }

    @Test
    void neverEchoesASecretGivenToAMistypedOption() {
        String secret = gateway.adminKey();

        Cli.Result result = Cli.runIn(Map.of(), "orgs", "list", "--tokn", secret);

        assertThat(result.exitCode()).isEqualTo(AqueductCommand.EXIT_USAGE);
        assertThat(result.err()).contains("--tokn").doesNotContain(secret).doesNotContain(secret.substring(4));
    }

    @Test
    void neverEchoesASignInTokenGivenToAMistypedOption() {
        String header = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0";
        String payload = "eyJzdWIiOiJ1c2VyLTEiLCJlbWFpbCI6ImFAZXhhbXBsZS5jb20ifQ";
        String token = header + "." + payload + ".c2lnbmF0dXJlLWJ5dGVzLWhlcmUtYW5kLW1vcmU";

        Cli.Result result = Cli.runIn(Map.of(), "orgs", "list", "--tokn", token);

        assertThat(result.exitCode()).isEqualTo(AqueductCommand.EXIT_USAGE);
        assertThat(result.err()).contains("--tokn").doesNotContain(header).doesNotContain(payload);
    }
}

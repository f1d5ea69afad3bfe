package dev.aqueduct.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.aqueduct.cli.AqueductCommand;
import dev.aqueduct.common.admin.Me;
import dev.aqueduct.common.admin.Role;
import dev.aqueduct.common.json.Json;
import dev.aqueduct.identity.IdentityService;
import dev.aqueduct.keys.KeyScope;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.oidc.TestProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Single sign-on end to end: the daemon started from YAML with {@code auth.oidc} pointing at a
 * real OpenID Connect provider on 127.0.0.1, called over HTTP with the provider's tokens, and
 * the remote command line signing in with such a token.
 */
class SignInThroughAdminApiTest {
    private static final String ADMIN_GROUP = "aqueduct-admins";

    @TempDir
    Path directory;

    private TestProvider provider;
    private AdminHarness gateway;

    @BeforeEach
    void start() {
        provider = TestProvider.started();
        gateway = AdminHarness.startWithAuth(directory, """
                auth:
                  oidc:
                    issuer: "%s"
                    audience: %s
                    admin-group: %s
                    group-mappings:
                      - pattern: "^acme-(?<org>[a-z0-9-]+)-admins$"
                        role: org_admin
                      - pattern: "^acme-(?<org>[a-z0-9-]+)$"
                      - pattern: "^acme-(?<org>[^:]+):(?<team>.+)-leads$"
                        team-admin: true
                      - pattern: "^acme-(?<org>[^:]+):(?<team>.+)$"
                """.formatted(provider.issuer(), TestProvider.AUDIENCE, ADMIN_GROUP));
    }

    @AfterEach
    void stop() {
        gateway.close();
        provider.close();
    }

    @Test
    void meShowsTheUserWithTheOrganizationsAndTeamsTheirGroupsGive() {
        String token = provider.token("sub-ada", person("ada", List.of("acme-research", "acme-eng:backend",
                "acme-eng:infra-leads", "acme-sales-admins", "unrelated")));

        Me me = me(gateway.expect(200, "GET", "/me", token, null));

        assertThat(me.user().email()).isEqualTo("ada@example.com");
        assertThat(me.user().name()).isEqualTo("ada");
        assertThat(me.user().role()).isEqualTo(Role.ORG_ADMIN);
        assertThat(me.user().disabled()).isFalse();
        assertThat(me.keyId()).isNull();
        assertThat(me.orgs()).extracting(org -> org.name() + ":" + org.role().value())
                .containsExactly("eng:user", "research:user", "sales:org_admin");
        String eng = me.orgs().getFirst().id();
        assertThat(me.teams()).extracting(team -> team.orgId().equals(eng) + " " + team.name() + " " + team.teamAdmin())
                .containsExactly("true backend false", "true infra true");
    }

    @Test
    void theAdminGroupGivesAdminRights() {
        String admin = provider.token("sub-root", person("root", List.of(ADMIN_GROUP)));
        String member = provider.token("sub-bo", person("bo", List.of("acme-research")));

        AdminHarness.Reply created = gateway.expect(201, "POST", "/orgs", admin, "{\"name\":\"made-by-sso\"}");
        AdminHarness.Reply refused = gateway.expect(403, "POST", "/orgs", member, "{\"name\":\"not-allowed\"}");

        assertThat(me(gateway.expect(200, "GET", "/me", admin, null)).user().role()).isEqualTo(Role.ADMIN);
        assertThat(created.json().path("name").asText()).isEqualTo("made-by-sso");
        assertThat(refused.error().path("type").asText()).isEqualTo("permission_error");
        assertThat(me(gateway.expect(200, "GET", "/me", member, null)).user().role()).isEqualTo(Role.USER);
    }

    @Test
    void takesSignInTokensUpToTheOneLengthLimitAndRefusesLongerOnes() {
        List<String> groups = new ArrayList<>(List.of(ADMIN_GROUP));
        String token = provider.token("sub-big", person("big", groups));
        while (token.length() < 12_000) {
            groups.add("unmapped-group-" + groups.size());
            token = provider.token("sub-big", person("big", groups));
        }
        String tooLong = "x".repeat(BearerSignIn.MAX_TOKEN_CHARS + 1);

        assertThat(token.length()).isLessThanOrEqualTo(BearerSignIn.MAX_TOKEN_CHARS);
        assertThat(me(gateway.expect(200, "GET", "/me", token, null)).user().role()).isEqualTo(Role.ADMIN);
        AdminHarness.Reply refused = gateway.expect(401, "GET", "/me", tooLong, null);
        assertThat(refused.error().path("message").asText()).contains("too long");
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of("signed by another key under the provider's key id", (TokenMaker) p -> TestProvider.sign(
                        p.claims("sub-eve", Instant.now()).build(), foreignKey(p.signingKey().getKeyID()))),
                Arguments.of("for another audience", (TokenMaker) p -> TestProvider.sign(
                        p.claims("sub-eve", Instant.now()).audience("someone-else").build(), p.signingKey())),
                Arguments.of("expired an hour ago", (TokenMaker) p -> TestProvider.sign(
                        expired(p.claims("sub-eve", Instant.now().minus(Duration.ofHours(2)))), p.signingKey())),
                Arguments.of("not a token at all", (TokenMaker) p -> "eyJhbGciOiJub25lIn0.e30."));
    }

    @ParameterizedTest(name = "a token {0}")
    @MethodSource("refusedTokens")
    void refusesABadTokenWith401InTheErrorShape(String what, TokenMaker maker) {
        AdminHarness.Reply reply = gateway.expect(401, "GET", "/me", maker.make(provider), null);

        assertThat(reply.error().path("type").asText()).isEqualTo("authentication_error");
        assertThat(reply.error().path("code").asText()).isEqualTo("invalid_credentials");
        assertThat(reply.error().path("message").asText()).isEqualTo("The sign-in token is invalid or expired");
        assertThat(reply.error().has("param")).isTrue();
        assertThat(userCount()).as("no one is provisioned from a refused token").isEqualTo(1);
    }

    @Test
    void refusesAnInferenceKeyWith401() {
        KeyService keys = new KeyService(gateway.database().jdbi(), Clock.systemUTC());
        IdentityService identity = new IdentityService(gateway.database().jdbi(), keys, Clock.systemUTC());
        String inferenceKey = keys.create(identity.keyOwner("admin@example.com", null), "relay", KeyScope.INFERENCE,
                null).secret();

        AdminHarness.Reply reply = gateway.expect(401, "GET", "/me", inferenceKey, null);

        assertThat(reply.error().path("type").asText()).isEqualTo("authentication_error");
        assertThat(reply.error().path("message").asText()).contains("Inference keys cannot call the admin API");
    }

    @Test
    void theRemoteCommandLineSignsInWithTheToken() throws IOException {
        String token = provider.token("sub-cy", person("cy", List.of("acme-eng:backend-leads")));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = AqueductCommand.commandLine(Map.of());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exitCode = command.execute("me", "--url", gateway.baseUrl(), "--token", token, "--output", "json");

        assertThat(exitCode).as(err.toString()).isZero();
        Me me = Json.mapper().readValue(out.toString(), Me.class);
        assertThat(me.user().email()).isEqualTo("cy@example.com");
        assertThat(me.orgs()).extracting(org -> org.name()).containsExactly("eng");
        assertThat(me.teams()).singleElement().satisfies(team -> {
            assertThat(team.name()).isEqualTo("backend");
            assertThat(team.teamAdmin()).isTrue();
        });
        assertThat(out.toString() + err).doesNotContain(token);
    }

    /** Makes a token from the provider's claims and keys. */
    @FunctionalInterface
    interface TokenMaker {
        String make(TestProvider provider);
    }

    private static Map<String, Object> person(String name, List<String> groups) {
        return Map.of("email", name + "@example.com", "email_verified", true, "name", name, "groups", groups);
    }

    private static JWTClaimsSet expired(JWTClaimsSet.Builder claims) {
        return claims.expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))).build();
    }

    private static RSAKey foreignKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Me me(AdminHarness.Reply reply) {
        return Json.mapper().convertValue(reply.json(), Me.class);
    }

    private long userCount() {
        return gateway.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users")
                .mapTo(Long.class).one());
    }
}

package dev.aqueduct.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aqueduct.server.RelayPath;
import dev.aqueduct.simulator.SimulatorOptions;
import dev.aqueduct.simulator.UpstreamSimulator;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keys changed through the admin API, as the relay sees them. The key cache is set far longer
 * than any test runs, so a refusal proves the admin API dropped the cached lookup itself. On
 * the fast lane, each chat is preceded by a key check, so a chat with a key still cached as
 * valid is taken on the I/O thread, which trusts the cache alone.
 */
@ParameterizedClass
@EnumSource(RelayPath.class)
class AdminRelayTest {
    private static final String CHAT = "{\"model\":\"mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @Parameter
    RelayPath path;

    @TempDir
    Path directory;

    private UpstreamSimulator simulator;
    private AdminHarness gateway;
    private World world;

    @BeforeEach
    void start() {
        simulator = UpstreamSimulator.start(SimulatorOptions.defaults().withPort(0));
        gateway = AdminHarness.start(directory, simulator.baseUrl().toString(), 3600, path);
        world = new World(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
        simulator.close();
    }

    @Test
    void refusesAKeyRevokedThroughTheAdminApiOnTheNextRequest() {
        AdminHarness.Reply key = gateway.expect(201, "POST", "/keys", world.own().userToken(), "{\"name\":\"app\"}");
        String secret = key.json().path("secret").asText();
        assertThat(chat(secret).status()).isEqualTo(200);

        gateway.expect(200, "POST", "/keys/" + key.id() + "/revoke", world.own().userToken(), null);

        AdminHarness.Reply refused = chat(secret);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.error().path("message").asText()).contains("revoked");
    }

    @Test
    void regeneratingReplacesTheSecret() {
        AdminHarness.Reply key = gateway.expect(201, "POST", "/keys", world.own().userToken(), "{\"name\":\"app\"}");
        String old = key.json().path("secret").asText();
        assertThat(chat(old).status()).isEqualTo(200);

        AdminHarness.Reply fresh = gateway.expect(201, "POST", "/keys/" + key.id() + "/regenerate",
                world.own().userToken(), null);

        assertThat(chat(old).status()).isEqualTo(401);
        assertThat(chat(fresh.json().path("secret").asText()).status()).isEqualTo(200);
        assertThat(fresh.json().path("name").asText()).isEqualTo("app");
        assertThat(gateway.get("/keys/" + key.id(), world.own().userToken()).json().path("revoked_at").isNull())
                .isFalse();
    }

    @Test
    void refusesKeysOfADeletedTeamAndOfARemovedPerson() {
        World.Side own = world.own();
        String teamKey = gateway.expect(201, "POST", "/keys", own.teamAdminToken(), "{\"name\":\"ci\","
                + "\"service_account_id\":\"" + own.serviceAccountId() + "\"}").json().path("secret").asText();
        assertThat(chat(teamKey).status()).isEqualTo(200);
        assertThat(chat(own.inferenceToken()).status()).isEqualTo(200);

        gateway.expect(204, "DELETE", "/teams/" + own.teamId() + "?cascade=true", own.orgAdminToken(), null);
        gateway.expect(204, "DELETE", "/users/" + own.userId(), own.orgAdminToken(), null);

        assertThat(chat(teamKey).status()).isEqualTo(401);
        assertThat(chat(own.inferenceToken()).status()).isEqualTo(401);
    }

    @Test
    void refusesTheKeysOfADisabledPersonAtOnce() {
        World.Side own = world.own();
        assertThat(chat(own.inferenceToken()).status()).isEqualTo(200);

        gateway.expect(200, "PATCH", "/users/" + own.userId(), own.orgAdminToken(), "{\"disabled\":true}");

        assertThat(chat(own.inferenceToken()).status()).isEqualTo(401);
        gateway.expect(200, "PATCH", "/users/" + own.userId(), own.orgAdminToken(), "{\"disabled\":false}");
        assertThat(chat(own.inferenceToken()).status()).isEqualTo(200);
    }

    @Test
    void refusesInferenceKeysOnTheAdminApiAndManagementKeysOnTheRelay() {
        AdminHarness.Reply inference = gateway.get("/me", world.own().inferenceToken());
        assertThat(inference.status()).isEqualTo(401);
        assertThat(inference.error().path("message").asText()).contains("management key");

        assertThat(chat(world.own().userToken()).status()).isEqualTo(401);
    }

    private AdminHarness.Reply chat(String key) {
        if (path == RelayPath.FAST_LANE) {
            gateway.send("GET", gateway.baseUrl() + "/v1/models", key, null);
        }
        return gateway.send("POST", gateway.baseUrl() + "/v1/chat/completions", key, CHAT);
    }
}

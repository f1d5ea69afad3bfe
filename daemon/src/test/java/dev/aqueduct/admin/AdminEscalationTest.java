package dev.aqueduct.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nobody obtains a secret that acts with more rights than their own, and nobody keeps a secret
 * that starts acting as someone else: the ways around the roles through keys, each tried
 * through the admin API of a running gateway on SQLite (the role matrix runs the same rules on
 * PostgreSQL too).
 */
class AdminEscalationTest {
    @TempDir
    Path directory;

    private AdminHarness gateway;
    private World world;
    private String admin;
    private String adminId;

    @BeforeEach
    void start() {
        gateway = AdminHarness.start(directory);
        world = new World(gateway);
        admin = gateway.adminKey();
        adminId = gateway.get("/me", admin).json().path("user").path("id").asText();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void anOrgAdminWhoAddsTheAdminToTheirOrganizationGetsNoKeyActingAsTheAdmin() {
        String orgAdmin = world.other().orgAdminToken();
        gateway.expect(201, "POST", "/users", orgAdmin, "{\"email\":\"admin@example.com\",\"org_id\":\""
                + world.other().orgId() + "\"}");

        AdminHarness.Reply management = gateway.call("POST", "/keys", orgAdmin, "{\"name\":\"mine now\","
                + "\"scope\":\"management\",\"user_id\":\"" + adminId + "\"}");
        AdminHarness.Reply inference = gateway.call("POST", "/keys", orgAdmin, "{\"name\":\"billed to admin\","
                + "\"user_id\":\"" + adminId + "\"}");

        assertForbidden(management);
        assertForbidden(inference);
        assertThat(management.text()).doesNotContain("\"secret\"");
        assertThat(gateway.get("/keys?user_id=" + adminId, admin).json().path("data")).hasSize(1);
    }

    @Test
    void mintsAPersonsManagementKeyOnlyForThatPerson() {
        World.Side own = world.own();
        String forUser = "{\"name\":\"cli\",\"scope\":\"management\",\"user_id\":\"" + own.userId() + "\"}";

        assertForbidden(gateway.call("POST", "/keys", own.orgAdminToken(), forUser));
        assertForbidden(gateway.call("POST", "/keys", admin, forUser));
        AdminHarness.Reply own2 = gateway.expect(201, "POST", "/keys", own.userToken(), forUser);

        JsonNode me = gateway.get("/me", own2.json().path("secret").asText()).json();
        assertThat(me.path("user").path("id").asText()).isEqualTo(own.userId());
    }

    @Test
    void regeneratesAPersonsManagementKeyOnlyForThatPerson() {
        World.Side own = world.own();
        String usersKey = managementKeyId(own.userId(), admin);
        String adminsKey = managementKeyId(adminId, admin);

        assertForbidden(gateway.call("POST", "/keys/" + usersKey + "/regenerate", own.orgAdminToken(), null));
        assertForbidden(gateway.call("POST", "/keys/" + usersKey + "/regenerate", admin, null));
        assertForbidden(gateway.call("POST", "/keys/" + adminsKey + "/regenerate", own.orgAdminToken(), null));

        assertThat(gateway.get("/me", own.userToken()).status()).isEqualTo(200);
        assertThat(gateway.get("/me", admin).json().path("user").path("role").asText()).isEqualTo("admin");
        AdminHarness.Reply renewed = gateway.expect(201, "POST", "/keys/" + usersKey + "/regenerate",
                own.userToken(), null);
        assertThat(gateway.get("/me", renewed.json().path("secret").asText()).json().path("user").path("id")
                .asText()).isEqualTo(own.userId());
    }

    @Test
    void anOrgAdminCannotRevokeOrChangeTheKeysOfTheAdmin() {
        String adminsKey = managementKeyId(adminId, admin);

        assertForbidden(gateway.call("POST", "/keys/" + adminsKey + "/revoke", world.own().orgAdminToken(), null));
        assertForbidden(gateway.call("PATCH", "/keys/" + adminsKey, world.own().orgAdminToken(),
                "{\"expires_at\":\"2099-01-01T00:00:00Z\"}"));

        assertThat(gateway.get("/me", admin).status()).isEqualTo(200);
    }

    @Test
    void anOrgAdminCannotManageTheKeysOfAnOrgAdminOfAnotherOrganization() {
        String person = world.orgAdminElsewhere(world.own());

        assertForbidden(gateway.call("POST", "/keys", world.own().orgAdminToken(), "{\"name\":\"k\",\"user_id\":\""
                + person + "\"}"));

        gateway.expect(201, "POST", "/keys", admin, "{\"name\":\"k\",\"user_id\":\"" + person + "\"}");
    }

    @Test
    void leavesServiceAccountManagementKeysToTheTeamsManagers() {
        World.Side own = world.own();
        AdminHarness.Reply created = gateway.expect(201, "POST", "/keys", own.teamAdminToken(), "{\"name\":\"bot\","
                + "\"scope\":\"management\",\"service_account_id\":\"" + own.serviceAccountId() + "\"}");
        AdminHarness.Reply renewed = gateway.expect(201, "POST", "/keys/" + created.id() + "/regenerate",
                own.teamAdminToken(), null);

        JsonNode me = gateway.get("/me", renewed.json().path("secret").asText()).json();
        assertThat(me.path("service_account").path("id").asText()).isEqualTo(own.serviceAccountId());
        assertThat(me.path("user").isNull()).isTrue();
    }

    @Test
    void refusesToTransferAManagementKey() {
        World.Side own = world.own();
        AdminHarness.Reply created = gateway.expect(201, "POST", "/keys", own.userToken(), "{\"name\":\"cli\","
                + "\"scope\":\"management\"}");
        String transfer = "{\"user_id\":\"" + own.teamAdminId() + "\"}";

        AdminHarness.Reply byOwner = gateway.call("POST", "/keys/" + created.id() + "/transfer", own.userToken(),
                transfer);
        AdminHarness.Reply byAdmin = gateway.call("POST", "/keys/" + created.id() + "/transfer", admin, transfer);

        assertThat(byOwner.status()).as(byOwner.text()).isEqualTo(409);
        assertThat(byOwner.error().path("code").asText()).isEqualTo("management_key");
        assertThat(byAdmin.status()).as(byAdmin.text()).isEqualTo(409);
        JsonNode me = gateway.get("/me", created.json().path("secret").asText()).json();
        assertThat(me.path("user").path("id").asText()).isEqualTo(own.userId());
    }

    @Test
    void transfersAnInferenceKeyWithANewSecretThatOnlyItsManagerReceives() {
        World.Side own = world.own();
        AdminHarness.Reply created = gateway.expect(201, "POST", "/keys", own.userToken(), "{\"name\":\"sdk\"}");
        String oldSecret = created.json().path("secret").asText();
        String transfer = "{\"user_id\":\"" + own.teamAdminId() + "\"}";

        assertForbidden(gateway.call("POST", "/keys/" + created.id() + "/transfer", own.userToken(), transfer));
        assertThat(models(oldSecret)).isEqualTo(200);
        AdminHarness.Reply moved = gateway.expect(200, "POST", "/keys/" + created.id() + "/transfer",
                own.orgAdminToken(), transfer);

        String newSecret = moved.json().path("secret").asText();
        assertThat(moved.id()).isEqualTo(created.id());
        assertThat(moved.json().path("owner").path("id").asText()).isEqualTo(own.teamAdminId());
        assertThat(newSecret).startsWith("aqk-").startsWith(moved.json().path("prefix").asText())
                .isNotEqualTo(oldSecret);
        assertThat(models(oldSecret)).isEqualTo(401);
        assertThat(models(newSecret)).isEqualTo(200);
        assertThat(gateway.get("/me", newSecret).status()).isEqualTo(401);
        assertThat(gateway.get("/audit?limit=1", admin).text()).doesNotContain(newSecret.substring(12));
    }

    @Test
    void refusesInferenceKeysOnTheAdminApiWhoeverOwnsThem() {
        AdminHarness.Reply adminsOwn = gateway.expect(201, "POST", "/keys", admin, "{\"name\":\"sdk\"}");

        AdminHarness.Reply refused = gateway.get("/me", adminsOwn.json().path("secret").asText());

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.error().path("type").asText()).isEqualTo("authentication_error");
    }

    private String managementKeyId(String userId, String token) {
        for (JsonNode key : gateway.get("/keys?user_id=" + userId, token).json().path("data")) {
            if (key.path("scope").asText().equals("management") && key.path("revoked_at").isNull()) {
                return key.path("id").asText();
            }
        }
        throw new AssertionError("No management key of " + userId);
    }

    private int models(String secret) {
        return gateway.send("GET", gateway.baseUrl() + "/v1/models", secret, null).status();
    }

    private static void assertForbidden(AdminHarness.Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(403);
        assertThat(reply.error().path("type").asText()).isEqualTo("permission_error");
    }
}

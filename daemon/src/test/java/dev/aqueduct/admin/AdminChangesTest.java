package dev.aqueduct.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aqueduct.keys.KeySecrets;
import dev.aqueduct.store.DatabaseKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Conflicts, cascades, the audit log and secrets, through the admin API of a running gateway. */
@ParameterizedClass
@EnumSource(DatabaseKind.class)
class AdminChangesTest {
    @Parameter
    DatabaseKind kind;

    @TempDir
    Path directory;

    private AdminHarness gateway;
    private World world;
    private String admin;

    @BeforeEach
    void start() {
        gateway = AdminHarness.start(directory, kind);
        world = new World(gateway);
        admin = gateway.adminKey();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void refusesDuplicateNamesWith409() {
        World.Side own = world.own();
        assertConflict(gateway.call("POST", "/orgs", admin, "{\"name\":\"other\"}"));
        assertConflict(gateway.call("POST", "/orgs/" + own.orgId() + "/teams", admin, "{\"name\":\"team-own\"}"));
        assertConflict(gateway.call("POST", "/orgs/" + own.orgId() + "/teams", admin, "{\"name\":\" team-own \"}"));
        String account = gateway.get("/service-accounts/" + own.serviceAccountId(), admin).json().path("name").asText();
        assertConflict(gateway.call("POST", "/teams/" + own.teamId() + "/service-accounts", admin,
                "{\"name\":\"" + account + "\"}"));
        assertConflict(gateway.call("POST", "/teams/" + own.teamId() + "/members", admin,
                "{\"user_id\":\"" + own.userId() + "\"}"));
        String email = gateway.get("/users/" + own.userId(), admin).json().path("email").asText();
        assertConflict(gateway.call("POST", "/users", admin, "{\"email\":\"" + email.toUpperCase() + "\",\"org_id\":\""
                + own.orgId() + "\"}"));
    }

    @Test
    void addsAKnownPersonToASecondOrganizationInsteadOfRefusingThem() {
        String email = gateway.get("/users/" + world.own().spareId(), admin).json().path("email").asText();

        AdminHarness.Reply added = gateway.expect(201, "POST", "/users", admin, "{\"email\":\"" + email
                + "\",\"org_id\":\"" + world.other().orgId() + "\",\"role\":\"org_admin\"}");

        assertThat(added.id()).isEqualTo(world.own().spareId());
        assertThat(added.json().path("role").asText()).isEqualTo("org_admin");
        assertThat(added.json().path("org_id").asText()).isEqualTo(world.other().orgId());
    }

    @Test
    void refusesToDeleteATeamWithMembersUnlessCascading() {
        World.Side own = world.own();
        AdminHarness.Reply refused = gateway.call("DELETE", "/teams/" + own.teamId(), admin, null);
        assertConflict(refused);
        assertThat(refused.error().path("message").asText()).contains("members: 2", "service accounts: 1", "keys: 2");
        assertThat(gateway.get("/teams/" + own.teamId(), admin).status()).isEqualTo(200);

        gateway.expect(204, "DELETE", "/teams/" + own.teamId() + "?cascade=true", admin, null);

        assertThat(gateway.get("/teams/" + own.teamId(), admin).status()).isEqualTo(404);
        assertThat(gateway.get("/service-accounts/" + own.serviceAccountId(), admin).status()).isEqualTo(404);
        assertThat(gateway.get("/keys/" + own.teamKeyId(), admin).status()).isEqualTo(404);
        assertThat(gateway.get("/users/" + own.userId(), admin).status()).isEqualTo(200);
        assertThat(gateway.get("/me", own.serviceAccountToken()).status()).isEqualTo(401);
        JsonNode entry = lastAudit("team.delete");
        assertThat(entry.path("changes").path("removed_key_ids")).hasSize(2);
        assertThat(entry.path("org_id").asText()).isEqualTo(own.orgId());
    }

    @Test
    void deletesAnEmptyTeamWithoutCascade() {
        String team = gateway.expect(201, "POST", "/orgs/" + world.own().orgId() + "/teams", admin,
                "{\"name\":\"empty\"}").id();

        gateway.expect(204, "DELETE", "/teams/" + team, admin, null);

        assertThat(gateway.get("/teams/" + team, admin).status()).isEqualTo(404);
    }

    @Test
    void deletingAnOrganizationCascadesToEverythingInItButThePeople() {
        World.Side other = world.other();
        assertConflict(gateway.call("DELETE", "/orgs/" + other.orgId(), admin, null));
        gateway.expect(200, "PUT", "/policies/team/" + other.teamId(), admin, "{\"limits\":{\"tokens_per_day\":5}}");

        gateway.expect(204, "DELETE", "/orgs/" + other.orgId() + "?cascade=true", admin, null);

        assertThat(gateway.get("/orgs/" + other.orgId(), admin).status()).isEqualTo(404);
        assertThat(gateway.get("/teams/" + other.teamId(), admin).status()).isEqualTo(404);
        assertThat(gateway.get("/keys?org_id=" + other.orgId(), admin).json().path("data")).isEmpty();
        AdminHarness.Reply user = gateway.get("/users/" + other.userId(), admin);
        assertThat(user.status()).isEqualTo(200);
        assertThat(user.json().path("org_id").isNull()).isTrue();
        assertThat(gateway.get("/me", other.orgAdminToken()).status()).isEqualTo(401);
        long policies = gateway.database().jdbi().withHandle(handle -> handle
                .createQuery("SELECT COUNT(*) FROM policies").mapTo(Long.class).one());
        assertThat(policies).isZero();
    }

    @Test
    void auditsEveryChangeWithItsActorAndNeverASecret() {
        World.Side own = world.own();
        List<String> secrets = new ArrayList<>(List.of(admin, own.userToken(), own.inferenceToken()));
        AdminHarness.Reply created = gateway.expect(201, "POST", "/keys", own.userToken(), "{\"name\":\"mine\"}");
        secrets.add(created.json().path("secret").asText());
        AdminHarness.Reply regenerated = gateway.expect(201, "POST", "/keys/" + created.id() + "/regenerate",
                own.userToken(), null);
        secrets.add(regenerated.json().path("secret").asText());
        AdminHarness.Reply management = gateway.expect(201, "POST", "/keys", own.userToken(), "{\"name\":\"cli\","
                + "\"scope\":\"management\"}");
        secrets.add(management.json().path("secret").asText());
        secrets.add(gateway.expect(201, "POST", "/keys/" + management.id() + "/regenerate", own.userToken(), null)
                .json().path("secret").asText());
        secrets.add(gateway.expect(200, "POST", "/keys/" + regenerated.id() + "/transfer", own.orgAdminToken(),
                "{\"user_id\":\"" + own.teamAdminId() + "\"}").json().path("secret").asText());

        JsonNode entry = lastAudit("key.regenerate");
        assertThat(entry.path("actor_user_id").asText()).isEqualTo(own.userId());
        assertThat(entry.path("object_id").asText()).isEqualTo(management.id());
        entry = lastAudit("key.transfer");
        assertThat(entry.path("object_id").asText()).isEqualTo(regenerated.id());
        assertThat(entry.path("changes").path("to_user_id").asText()).isEqualTo(own.teamAdminId());
        entry = auditOf("key.regenerate", created.id());
        assertThat(entry.path("actor_user_id").asText()).isEqualTo(own.userId());
        assertThat(entry.path("changes").path("new_key_id").asText()).isEqualTo(regenerated.id());
        assertThat(lastAudit("key.create").path("actor_key_id").asText()).isNotEmpty();
        List<Map<String, Object>> rows = gateway.database().jdbi().withHandle(handle -> handle
                .createQuery("SELECT * FROM audit_log").mapToMap().list());
        assertThat(rows).extracting(row -> row.get("action")).contains("key.create", "key.regenerate", "key.transfer",
                "user.create", "service_account.create");
        String stored = rows.toString();
        for (String secret : secrets) {
            assertThat(stored).doesNotContain(secret).doesNotContain(KeySecrets.hash(secret))
                    .doesNotContain(secret.substring(12));
        }
    }

    @Test
    void writesNoAuditEntryForARefusedChange() {
        long before = auditCount();

        assertConflict(gateway.call("POST", "/orgs", admin, "{\"name\":\"other\"}"));
        gateway.expect(403, "POST", "/orgs", world.own().orgAdminToken(), "{\"name\":\"mine\"}");
        gateway.expect(400, "POST", "/orgs", admin, "{\"name\":\"\"}");

        assertThat(auditCount()).isEqualTo(before);
    }

    @Test
    void showsASecretOnlyInTheAnswerThatCreatedIt() {
        AdminHarness.Reply created = gateway.expect(201, "POST", "/keys", world.own().userToken(),
                "{\"name\":\"once\",\"expires_at\":\"2099-01-01T00:00:00Z\"}");
        String secret = created.json().path("secret").asText();

        assertThat(secret).startsWith("aqk-").startsWith(created.json().path("prefix").asText());
        assertThat(created.json().path("expires_at").asText()).isEqualTo("2099-01-01T00:00:00Z");
        AdminHarness.Reply one = gateway.get("/keys/" + created.id(), world.own().userToken());
        AdminHarness.Reply all = gateway.get("/keys", admin);
        assertThat(one.json().has("secret")).isFalse();
        assertThat(one.text()).doesNotContain(secret.substring(12));
        assertThat(all.text()).doesNotContain(secret.substring(12)).doesNotContain("\"secret\"");
        assertThat(one.json().path("owner").path("id").asText()).isEqualTo(world.own().userId());
    }

    @Test
    void answersHiddenObjectsExactlyLikeMissingOnes() {
        String hidden = world.other().teamId();
        String missing = "team_" + "x".repeat(hidden.length() - "team_".length());

        AdminHarness.Reply seen = gateway.get("/teams/" + hidden, world.own().orgAdminToken());
        AdminHarness.Reply absent = gateway.get("/teams/" + missing, world.own().orgAdminToken());

        assertThat(seen.status()).isEqualTo(404);
        assertThat(seen.text().replace(hidden, "ID")).isEqualTo(absent.text().replace(missing, "ID"));
    }

    @Test
    void refusesADisabledUserAtOnce() {
        World.Side own = world.own();
        gateway.expect(200, "GET", "/me", own.userToken(), null);

        gateway.expect(200, "PATCH", "/users/" + own.userId(), own.orgAdminToken(), "{\"disabled\":true}");

        AdminHarness.Reply refused = gateway.get("/me", own.userToken());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.error().path("message").asText()).contains("disabled");
        assertThat(gateway.get("/users/" + own.userId(), admin).json().path("disabled").asBoolean()).isTrue();
    }

    @Test
    void capsTheActiveKeysOfOnePerson() {
        String token = world.own().userToken();
        long owned = gateway.get("/keys?user_id=" + world.own().userId(), token).json().path("data").size();
        for (long i = owned; i < KeyChanges.MAX_ACTIVE_KEYS_PER_USER; i++) {
            gateway.expect(201, "POST", "/keys", token, "{\"name\":\"k" + i + "\"}");
        }

        AdminHarness.Reply refused = gateway.call("POST", "/keys", token, "{\"name\":\"one too many\"}");

        assertConflict(refused);
        assertThat(refused.error().path("code").asText()).isEqualTo("key_limit_reached");
    }

    @Test
    void pagesWithLimitAndAfter() {
        for (int i = 0; i < 5; i++) {
            gateway.expect(201, "POST", "/orgs", admin, "{\"name\":\"org-" + i + "\"}");
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            AdminHarness.Reply page = gateway.get("/orgs?limit=3" + (after == null ? "" : "&after=" + after), admin);
            page.json().path("data").forEach(org -> seen.add(org.path("id").asText()));
            after = page.json().path("next_after").isNull() ? null : page.json().path("next_after").asText();
            assertThat(page.json().path("has_more").asBoolean()).isEqualTo(after != null);
            pages++;
        } while (after != null);

        assertThat(seen).hasSize(7).doesNotHaveDuplicates().isSorted();
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void tellsAServiceAccountKeyWhoItIs() {
        JsonNode me = gateway.get("/me", world.own().serviceAccountToken()).json();

        assertThat(me.path("user").isNull()).isTrue();
        assertThat(me.path("service_account").path("id").asText()).isEqualTo(world.own().serviceAccountId());
        assertThat(me.path("teams").get(0).path("team_admin").asBoolean()).isTrue();
    }

    private JsonNode lastAudit(String action) {
        for (JsonNode entry : gateway.get("/audit?limit=200", admin).json().path("data")) {
            if (entry.path("action").asText().equals(action)) {
                return entry;
            }
        }
        throw new AssertionError("No audit entry " + action);
    }

    private JsonNode auditOf(String action, String objectId) {
        for (JsonNode entry : gateway.get("/audit?limit=200", admin).json().path("data")) {
            if (entry.path("action").asText().equals(action) && entry.path("object_id").asText().equals(objectId)) {
                return entry;
            }
        }
        throw new AssertionError("No audit entry " + action + " of " + objectId);
    }

    private long auditCount() {
        return gateway.database().jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM audit_log")
                .mapTo(Long.class).one());
    }

    private static void assertConflict(AdminHarness.Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(409);
        assertThat(reply.error().path("type").asText()).isEqualTo("conflict_error");
    }
}

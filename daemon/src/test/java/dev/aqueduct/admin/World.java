package dev.aqueduct.admin;

import dev.aqueduct.keys.KeyScope;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Two organizations built through the admin API by the admin, alike in shape: each has an org
 * admin, a team with a team admin and a member, a person in no team, and a service account of
 * the team with a management key and an inference key. People's management keys are made on the
 * database, as only their owner may make one through the admin API. Callers of the role matrix are the
 * people of the first organization; the second is the organization that is not theirs.
 */
final class World {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** One organization and its people. */
    record Side(String orgId, String teamId, String orgAdminId, String teamAdminId, String userId, String spareId,
            String serviceAccountId, String teamKeyId, String orgAdminToken, String teamAdminToken,
            String userToken, String serviceAccountToken, String inferenceToken) {
    }

    private final AdminHarness gateway;
    private final Side own;
    private final Side other;

    World(AdminHarness gateway) {
        this.gateway = gateway;
        String defaultOrg = gateway.get("/me", gateway.adminKey()).json().path("orgs").get(0).path("id").asText();
        this.own = side(defaultOrg, "own");
        String otherOrg = admin(201, "POST", "/orgs", "{\"name\":\"other\"}").id();
        this.other = side(otherOrg, "other");
    }

    Side own() {
        return own;
    }

    Side other() {
        return other;
    }

    Side side(boolean ownSide) {
        return ownSide ? own : other;
    }

    AdminHarness gateway() {
        return gateway;
    }

    private Side side(String orgId, String label) {
        String orgAdmin = user(orgId, "org_admin");
        String teamAdmin = user(orgId, "user");
        String user = user(orgId, "user");
        String spare = user(orgId, "user");
        String team = admin(201, "POST", "/orgs/" + orgId + "/teams", "{\"name\":\"team-" + label + "\"}").id();
        member(team, teamAdmin, true);
        member(team, user, false);
        String account = serviceAccount(team);
        return new Side(orgId, team, orgAdmin, teamAdmin, user, spare, account, accountKey(account),
                personalKey(orgId, orgAdmin), personalKey(orgId, teamAdmin), personalKey(orgId, user),
                accountManagementKey(account),
                secret(admin(201, "POST", "/keys", "{\"name\":\"sdk\",\"user_id\":\"" + user + "\"}")));
    }

    /** A new person in the organization with the role, by id. */
    String user(String orgId, String role) {
        int n = SEQUENCE.incrementAndGet();
        return admin(201, "POST", "/users", "{\"email\":\"person" + n + "@example.com\",\"name\":\"Person " + n
                + "\",\"org_id\":\"" + orgId + "\",\"role\":\"" + role + "\"}").id();
    }

    /** A new person who is a user of the side's organization and org admin of the other one, by id. */
    String orgAdminElsewhere(Side side) {
        String elsewhere = side == own ? other.orgId() : own.orgId();
        String id = user(elsewhere, "org_admin");
        String email = admin(200, "GET", "/users/" + id, null).json().path("email").asText();
        admin(201, "POST", "/users", "{\"email\":\"" + email + "\",\"org_id\":\"" + side.orgId() + "\"}");
        return id;
    }

    /** A new key of the person in the organization, by id. */
    String personalKeyId(String orgId, String userId, KeyScope scope) {
        return gateway.key(orgId, userId, scope).key().id();
    }

    void member(String teamId, String userId, boolean teamAdmin) {
        admin(201, "POST", "/teams/" + teamId + "/members", "{\"user_id\":\"" + userId + "\",\"team_admin\":"
                + teamAdmin + "}");
    }

    /** A new service account of the team, by id. */
    String serviceAccount(String teamId) {
        return admin(201, "POST", "/teams/" + teamId + "/service-accounts", "{\"name\":\"robot-" + unique()
                + "\"}").id();
    }

    /** A new inference key of the service account, by id. */
    String accountKey(String accountId) {
        return admin(201, "POST", "/keys", "{\"name\":\"ci\",\"service_account_id\":\"" + accountId + "\"}").id();
    }

    /** A new inference key of the person, by id. */
    String userKey(String userId) {
        return admin(201, "POST", "/keys", "{\"name\":\"laptop\",\"user_id\":\"" + userId + "\"}").id();
    }

    /** A new management key of the person, by secret. */
    String personalKey(String orgId, String userId) {
        return gateway.key(orgId, userId, KeyScope.MANAGEMENT).secret();
    }

    private String accountManagementKey(String accountId) {
        return secret(admin(201, "POST", "/keys", "{\"name\":\"cli\",\"scope\":\"management\","
                + "\"service_account_id\":\"" + accountId + "\"}"));
    }

    AdminHarness.Reply admin(int status, String method, String path, @Nullable String body) {
        return gateway.expect(status, method, path, gateway.adminKey(), body);
    }

    static int unique() {
        return SEQUENCE.incrementAndGet();
    }

    private static String secret(AdminHarness.Reply reply) {
        return reply.json().path("secret").asText();
    }
}

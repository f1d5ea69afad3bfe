package dev.aqueduct.admin;

import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Two organizations built through the admin API by the admin, alike in shape: each has an org
 * admin, a team with a team admin and a member, a person in no team, and a service account of
 * the team with a management key and an inference key. Callers of the role matrix are the
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
                managementKey("user_id", orgAdmin), managementKey("user_id", teamAdmin),
                managementKey("user_id", user), managementKey("service_account_id", account),
                secret(admin(201, "POST", "/keys", "{\"name\":\"sdk\",\"user_id\":\"" + user + "\"}")));
    }

    /** A new person in the organization with the role, by id. */
    String user(String orgId, String role) {
        int n = SEQUENCE.incrementAndGet();
        return admin(201, "POST", "/users", "{\"email\":\"person" + n + "@example.com\",\"name\":\"Person " + n
                + "\",\"org_id\":\"" + orgId + "\",\"role\":\"" + role + "\"}").id();
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

    private String managementKey(String ownerField, String ownerId) {
        return secret(admin(201, "POST", "/keys", "{\"name\":\"cli\",\"scope\":\"management\",\"" + ownerField
                + "\":\"" + ownerId + "\"}"));
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

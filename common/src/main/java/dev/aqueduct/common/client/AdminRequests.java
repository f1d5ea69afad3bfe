package dev.aqueduct.common.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.aqueduct.common.admin.AddTeamMember;
import dev.aqueduct.common.admin.AuditEntry;
import dev.aqueduct.common.admin.CreateKey;
import dev.aqueduct.common.admin.CreateOrganization;
import dev.aqueduct.common.admin.CreateServiceAccount;
import dev.aqueduct.common.admin.CreateTeam;
import dev.aqueduct.common.admin.CreateUser;
import dev.aqueduct.common.admin.CreatedKey;
import dev.aqueduct.common.admin.Key;
import dev.aqueduct.common.admin.Me;
import dev.aqueduct.common.admin.ModelInfo;
import dev.aqueduct.common.admin.Organization;
import dev.aqueduct.common.admin.Page;
import dev.aqueduct.common.admin.Policy;
import dev.aqueduct.common.admin.ServiceAccount;
import dev.aqueduct.common.admin.Team;
import dev.aqueduct.common.admin.TeamMember;
import dev.aqueduct.common.admin.TransferKey;
import dev.aqueduct.common.admin.UpdateKey;
import dev.aqueduct.common.admin.UpdateOrganization;
import dev.aqueduct.common.admin.UpdateServiceAccount;
import dev.aqueduct.common.admin.UpdateTeam;
import dev.aqueduct.common.admin.UpdateTeamMember;
import dev.aqueduct.common.admin.UpdateUser;
import dev.aqueduct.common.admin.UsageTable;
import dev.aqueduct.common.admin.User;
import dev.aqueduct.common.json.Json;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every endpoint of the admin API as an {@link AdminRequest}, named after what it does. Listings
 * answer their first page; {@link AdminClient#all} follows the rest.
 */
public final class AdminRequests {
    private static final TypeFactory TYPES = Json.mapper().getTypeFactory();

    private AdminRequests() {
    }

    /** {@code GET /me}: who the caller is, with their organizations and teams. */
    public static AdminRequest<Me> me() {
        return get(type(Me.class), "me");
    }

    /** {@code GET /models}: the configured models and their aliases. */
    public static AdminRequest<Page<ModelInfo>> models() {
        return get(page(ModelInfo.class), "models");
    }

    /** {@code GET /openapi.json}: the OpenAPI document of the admin API, as a JSON string. */
    public static AdminRequest<String> openApi() {
        return get(type(String.class), "openapi.json");
    }

    public static AdminRequest<Page<Organization>> orgs() {
        return get(page(Organization.class), "orgs");
    }

    public static AdminRequest<Organization> org(String orgId) {
        return get(type(Organization.class), "orgs", orgId);
    }

    public static AdminRequest<Organization> createOrg(CreateOrganization body) {
        return send("POST", body, type(Organization.class), "orgs");
    }

    public static AdminRequest<Organization> updateOrg(String orgId, UpdateOrganization body) {
        return send("PATCH", body, type(Organization.class), "orgs", orgId);
    }

    /** {@code DELETE /orgs/{id}}; with {@code cascade} its teams, members, accounts and keys go too. */
    public static AdminRequest<Void> deleteOrg(String orgId, boolean cascade) {
        return delete("orgs", orgId).with("cascade", cascade ? "true" : null);
    }

    public static AdminRequest<Page<Team>> teams(String orgId) {
        return get(page(Team.class), "orgs", orgId, "teams");
    }

    public static AdminRequest<Team> team(String teamId) {
        return get(type(Team.class), "teams", teamId);
    }

    public static AdminRequest<Team> createTeam(String orgId, CreateTeam body) {
        return send("POST", body, type(Team.class), "orgs", orgId, "teams");
    }

    public static AdminRequest<Team> updateTeam(String teamId, UpdateTeam body) {
        return send("PATCH", body, type(Team.class), "teams", teamId);
    }

    public static AdminRequest<Void> deleteTeam(String teamId, boolean cascade) {
        return delete("teams", teamId).with("cascade", cascade ? "true" : null);
    }

    public static AdminRequest<Page<TeamMember>> members(String teamId) {
        return get(page(TeamMember.class), "teams", teamId, "members");
    }

    public static AdminRequest<TeamMember> addMember(String teamId, AddTeamMember body) {
        return send("POST", body, type(TeamMember.class), "teams", teamId, "members");
    }

    public static AdminRequest<TeamMember> updateMember(String teamId, String userId, UpdateTeamMember body) {
        return send("PATCH", body, type(TeamMember.class), "teams", teamId, "members", userId);
    }

    public static AdminRequest<Void> removeMember(String teamId, String userId) {
        return delete("teams", teamId, "members", userId);
    }

    /** {@code GET /users}, of one organization when {@code orgId} is given. */
    public static AdminRequest<Page<User>> users(@Nullable String orgId) {
        return AdminRequests.<Page<User>>get(page(User.class), "users").with("org_id", orgId);
    }

    /** {@code GET /users/{id}}, with the role in {@code orgId} when given. */
    public static AdminRequest<User> user(String userId, @Nullable String orgId) {
        return AdminRequests.<User>get(type(User.class), "users", userId).with("org_id", orgId);
    }

    public static AdminRequest<User> createUser(CreateUser body) {
        return send("POST", body, type(User.class), "users");
    }

    /** {@code PATCH /users/{id}}; a role change applies in {@code orgId} when given. */
    public static AdminRequest<User> updateUser(String userId, @Nullable String orgId, UpdateUser body) {
        return AdminRequests.<User>send("PATCH", body, type(User.class), "users", userId)
                .with("org_id", orgId);
    }

    /** {@code DELETE /users/{id}}: from {@code orgId}, or from the user's only organization when null. */
    public static AdminRequest<Void> deleteUser(String userId, @Nullable String orgId) {
        return delete("users", userId).with("org_id", orgId);
    }

    public static AdminRequest<Page<ServiceAccount>> serviceAccounts(String teamId) {
        return get(page(ServiceAccount.class), "teams", teamId, "service-accounts");
    }

    public static AdminRequest<ServiceAccount> serviceAccount(String id) {
        return get(type(ServiceAccount.class), "service-accounts", id);
    }

    public static AdminRequest<ServiceAccount> createServiceAccount(String teamId, CreateServiceAccount body) {
        return send("POST", body, type(ServiceAccount.class), "teams", teamId, "service-accounts");
    }

    public static AdminRequest<ServiceAccount> updateServiceAccount(String id, UpdateServiceAccount body) {
        return send("PATCH", body, type(ServiceAccount.class), "service-accounts", id);
    }

    /** {@code DELETE /service-accounts/{id}}; with {@code cascade} its keys go too. */
    public static AdminRequest<Void> deleteServiceAccount(String id, boolean cascade) {
        return delete("service-accounts", id).with("cascade", cascade ? "true" : null);
    }

    public static AdminRequest<Page<Key>> keys(KeyFilter filter) {
        return AdminRequests.<Page<Key>>get(page(Key.class), "keys").with("user_id", filter.userId())
                .with("service_account_id", filter.serviceAccountId()).with("team_id", filter.teamId())
                .with("org_id", filter.orgId());
    }

    public static AdminRequest<Key> key(String keyId) {
        return get(type(Key.class), "keys", keyId);
    }

    /** {@code POST /keys}: the answer holds the secret, shown this once. */
    public static AdminRequest<CreatedKey> createKey(CreateKey body) {
        return send("POST", body, type(CreatedKey.class), "keys");
    }

    public static AdminRequest<Key> updateKey(String keyId, UpdateKey body) {
        return send("PATCH", body, type(Key.class), "keys", keyId);
    }

    public static AdminRequest<Key> revokeKey(String keyId) {
        return send("POST", null, type(Key.class), "keys", keyId, "revoke");
    }

    /** {@code POST /keys/{id}/regenerate}: a new secret, shown once; the old one stops working. */
    public static AdminRequest<CreatedKey> regenerateKey(String keyId) {
        return send("POST", null, type(CreatedKey.class), "keys", keyId, "regenerate");
    }

    public static AdminRequest<CreatedKey> transferKey(String keyId, TransferKey body) {
        return send("POST", body, type(CreatedKey.class), "keys", keyId, "transfer");
    }

    /** {@code GET /policies/{type}/{id}}, {@code type} being {@code org}, {@code team}, {@code user} or {@code key}. */
    public static AdminRequest<Policy> policy(String type, String id) {
        return get(type(Policy.class), "policies", type, id);
    }

    public static AdminRequest<Policy> putPolicy(String type, String id, Policy body) {
        return send("PUT", body, type(Policy.class), "policies", type, id);
    }

    public static AdminRequest<Void> deletePolicy(String type, String id) {
        return delete("policies", type, id);
    }

    public static AdminRequest<UsageTable> usage(UsageQuery query) {
        AdminRequest<UsageTable> request = get(type(UsageTable.class), "usage");
        for (Map.Entry<String, String> parameter : query.parameters().entrySet()) {
            request = request.with(parameter.getKey(), parameter.getValue());
        }
        return request;
    }

    /** {@code GET /audit}, newest first, narrowed to an organization or a person when given. */
    public static AdminRequest<Page<AuditEntry>> audit(@Nullable String orgId, @Nullable String actorId) {
        return AdminRequests.<Page<AuditEntry>>get(page(AuditEntry.class), "audit").with("org_id", orgId)
                .with("actor_id", actorId);
    }

    private static <T> AdminRequest<T> get(JavaType answer, String... path) {
        return new AdminRequest<>("GET", List.of(path), Map.of(), null, answer);
    }

    private static <T> AdminRequest<T> send(String method, @Nullable Object body, JavaType answer, String... path) {
        return new AdminRequest<>(method, List.of(path), Map.of(), body, answer);
    }

    private static AdminRequest<Void> delete(String... path) {
        return new AdminRequest<>("DELETE", List.of(path), Map.of(), null, type(Void.class));
    }

    private static JavaType type(Class<?> type) {
        return TYPES.constructType(type);
    }

    private static JavaType page(Class<?> item) {
        return TYPES.constructParametricType(Page.class, item);
    }
}

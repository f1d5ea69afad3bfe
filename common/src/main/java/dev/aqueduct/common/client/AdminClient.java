package dev.aqueduct.common.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The admin API of one gateway, called with one bearer token: a method per endpoint answering
 * the records of {@code dev.aqueduct.common.admin}, {@link #all} to follow every page of a
 * listing, and {@link #sendForJson} for the JSON exactly as the server wrote it.
 *
 * <p>Refusals raise {@link AdminApiException} with the server's status, type, param and message;
 * a server that cannot be reached or does not answer in time raises
 * {@link AdminConnectionException} naming its URL. Calls block; the client is thread-safe and
 * holds a connection pool, so share one and close it when done. The token is sent only in the
 * {@code Authorization} header and appears in no message.
 */
public final class AdminClient implements AutoCloseable {
    /** The path of the admin API below the server's base URL. */
    public static final String API_PATH = "/admin/v1";

    private final AdminHttp http;

    AdminClient(AdminHttp http) {
        this.http = http;
    }

    /** A client for the gateway at {@code baseUrl}, such as {@code http://127.0.0.1:8080}. */
    public static AdminClientBuilder builder(String baseUrl) {
        return new AdminClientBuilder(baseUrl);
    }

    /** The gateway's base URL, as messages name it. */
    public String server() {
        return http.server();
    }

    /** Sends {@code request} and reads its answer; null for answers without a body. */
    public <T> T send(AdminRequest<T> request) {
        String body = http.call(request, "application/json");
        JavaType type = request.answer();
        if (type.hasRawClass(Void.class)) {
            return null;
        }
        if (type.hasRawClass(String.class)) {
            @SuppressWarnings("unchecked")
            T text = (T) body;
            return text;
        }
        return read(request, body, type);
    }

    /** Sends {@code request} and answers its JSON as the server wrote it; JSON null for an empty answer. */
    public JsonNode sendForJson(AdminRequest<?> request) {
        String body = http.call(request, "application/json");
        return body.isEmpty() ? NullNode.getInstance() : read(request, body, Json.mapper().constructType(
                JsonNode.class));
    }

    /** Every item of a listing, following its pages from the one {@code request} asks for. */
    public <T> List<T> all(AdminRequest<Page<T>> request) {
        JavaType item = request.answer().containedType(0);
        return follow(request, node -> read(request, node.toString(), item));
    }

    /** Every item of a listing as the server wrote it, following its pages. */
    public List<JsonNode> allJson(AdminRequest<? extends Page<?>> request) {
        return follow(request, Function.identity());
    }

    private <T> List<T> follow(AdminRequest<?> first, Function<JsonNode, T> item) {
        List<T> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        AdminRequest<?> request = first;
        while (true) {
            JsonNode page = sendForJson(request);
            if (!page.path("data").isArray()) {
                throw unexpected(request, "has no 'data' list");
            }
            page.get("data").forEach(node -> items.add(item.apply(node)));
            String next = page.path("next_after").isTextual() ? page.get("next_after").asText() : null;
            if (!page.path("has_more").asBoolean(false)) {
                return items;
            }
            if (next == null || !seen.add(next)) {
                // A server that keeps answering the same page would otherwise be asked forever.
                throw unexpected(request, "says more follow but gives no new 'next_after'");
            }
            request = request.with("after", next);
        }
    }

    private <T> T read(AdminRequest<?> request, String body, JavaType type) {
        try {
            // Fields a newer server adds are skipped, so an older client keeps working.
            return Json.mapper().readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(body);
        } catch (JsonProcessingException e) {
            throw unexpected(request, "is not the admin API's JSON" + AdminHttp.shown(body));
        }
    }

    private AdminApiException unexpected(AdminRequest<?> request, String what) {
        return new AdminApiException(200, AdminApiException.INVALID_RESPONSE, null, null,
                "The answer of " + server() + " to " + request.describe() + " " + what);
    }

    /** {@code GET /usage?format=csv}: the usage report as CSV text. */
    public String usageCsv(UsageQuery query) {
        return http.call(AdminRequests.usage(query).with("format", "csv"), "text/csv");
    }

    public Me me() {
        return send(AdminRequests.me());
    }

    public Page<ModelInfo> models() {
        return send(AdminRequests.models());
    }

    public String openApi() {
        return send(AdminRequests.openApi());
    }

    public Page<Organization> orgs(PageOptions page) {
        return send(page.apply(AdminRequests.orgs()));
    }

    public Organization org(String orgId) {
        return send(AdminRequests.org(orgId));
    }

    public Organization createOrg(CreateOrganization body) {
        return send(AdminRequests.createOrg(body));
    }

    public Organization updateOrg(String orgId, UpdateOrganization body) {
        return send(AdminRequests.updateOrg(orgId, body));
    }

    public void deleteOrg(String orgId, boolean cascade) {
        send(AdminRequests.deleteOrg(orgId, cascade));
    }

    public Page<Team> teams(String orgId, PageOptions page) {
        return send(page.apply(AdminRequests.teams(orgId)));
    }

    public Team team(String teamId) {
        return send(AdminRequests.team(teamId));
    }

    public Team createTeam(String orgId, CreateTeam body) {
        return send(AdminRequests.createTeam(orgId, body));
    }

    public Team updateTeam(String teamId, UpdateTeam body) {
        return send(AdminRequests.updateTeam(teamId, body));
    }

    public void deleteTeam(String teamId, boolean cascade) {
        send(AdminRequests.deleteTeam(teamId, cascade));
    }

    public Page<TeamMember> members(String teamId, PageOptions page) {
        return send(page.apply(AdminRequests.members(teamId)));
    }

    public TeamMember addMember(String teamId, AddTeamMember body) {
        return send(AdminRequests.addMember(teamId, body));
    }

    public TeamMember updateMember(String teamId, String userId, UpdateTeamMember body) {
        return send(AdminRequests.updateMember(teamId, userId, body));
    }

    public void removeMember(String teamId, String userId) {
        send(AdminRequests.removeMember(teamId, userId));
    }

    public Page<User> users(@Nullable String orgId, PageOptions page) {
        return send(page.apply(AdminRequests.users(orgId)));
    }

    public User user(String userId, @Nullable String orgId) {
        return send(AdminRequests.user(userId, orgId));
    }

    public User createUser(CreateUser body) {
        return send(AdminRequests.createUser(body));
    }

    public User updateUser(String userId, @Nullable String orgId, UpdateUser body) {
        return send(AdminRequests.updateUser(userId, orgId, body));
    }

    public void deleteUser(String userId, @Nullable String orgId) {
        send(AdminRequests.deleteUser(userId, orgId));
    }

    public Page<ServiceAccount> serviceAccounts(String teamId, PageOptions page) {
        return send(page.apply(AdminRequests.serviceAccounts(teamId)));
    }

    public ServiceAccount serviceAccount(String id) {
        return send(AdminRequests.serviceAccount(id));
    }

    public ServiceAccount createServiceAccount(String teamId, CreateServiceAccount body) {
        return send(AdminRequests.createServiceAccount(teamId, body));
    }

    public ServiceAccount updateServiceAccount(String id, UpdateServiceAccount body) {
        return send(AdminRequests.updateServiceAccount(id, body));
    }

    public void deleteServiceAccount(String id, boolean cascade) {
        send(AdminRequests.deleteServiceAccount(id, cascade));
    }

    public Page<Key> keys(KeyFilter filter, PageOptions page) {
        return send(page.apply(AdminRequests.keys(filter)));
    }

    public Key key(String keyId) {
        return send(AdminRequests.key(keyId));
    }

    public CreatedKey createKey(CreateKey body) {
        return send(AdminRequests.createKey(body));
    }

    public Key updateKey(String keyId, UpdateKey body) {
        return send(AdminRequests.updateKey(keyId, body));
    }

    public Key revokeKey(String keyId) {
        return send(AdminRequests.revokeKey(keyId));
    }

    public CreatedKey regenerateKey(String keyId) {
        return send(AdminRequests.regenerateKey(keyId));
    }

    public CreatedKey transferKey(String keyId, TransferKey body) {
        return send(AdminRequests.transferKey(keyId, body));
    }

    public Policy policy(String type, String id) {
        return send(AdminRequests.policy(type, id));
    }

    public Policy putPolicy(String type, String id, Policy body) {
        return send(AdminRequests.putPolicy(type, id, body));
    }

    public void deletePolicy(String type, String id) {
        send(AdminRequests.deletePolicy(type, id));
    }

    public UsageTable usage(UsageQuery query) {
        return send(AdminRequests.usage(query));
    }

    public Page<AuditEntry> audit(@Nullable String orgId, @Nullable String actorId, PageOptions page) {
        return send(page.apply(AdminRequests.audit(orgId, actorId)));
    }

    /** Lets go of pooled connections and threads. */
    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "AdminClient[" + server() + "]";
    }
}

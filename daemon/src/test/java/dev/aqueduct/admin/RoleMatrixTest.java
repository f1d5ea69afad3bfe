package dev.aqueduct.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aqueduct.keys.KeyScope;
import dev.aqueduct.store.DatabaseKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every caller against every admin API route, on their own organization and on another one,
 * from one table: one row per route with the status each caller gets. A route the router has
 * and the table lacks (or the reverse) fails {@link #everyRouteHasExactlyOneRow}.
 *
 * <p>Columns: admin, org admin, team admin, team member, the team's service account's
 * management key; an inference key and no token always get 401 unless a row says otherwise.
 * On another organization, everyone but the admin must get exactly what a missing object gets.
 * The whole table runs on SQLite and on PostgreSQL.
 */
@ParameterizedClass
@EnumSource(DatabaseKind.class)
class RoleMatrixTest {
    private static final String POLICY = "{\"models\":{\"allow\":[\"mini\"]},\"limits\":{\"requests_per_minute\":10}}";

    /** Who calls. */
    enum Caller {
        ADMIN, ORG_ADMIN, TEAM_ADMIN, USER, SERVICE_ACCOUNT, INFERENCE_KEY, NO_TOKEN;

        @Nullable String token(World world) {
            World.Side own = world.own();
            return switch (this) {
                case ADMIN -> world.gateway().adminKey();
                case ORG_ADMIN -> own.orgAdminToken();
                case TEAM_ADMIN -> own.teamAdminToken();
                case USER -> own.userToken();
                case SERVICE_ACCOUNT -> own.serviceAccountToken();
                case INFERENCE_KEY -> own.inferenceToken();
                case NO_TOKEN -> null;
            };
        }
    }

    /** The request a row sends: path with query, and body. */
    record Call(String path, @Nullable String body) {
    }

    /** One route: how to make its request on a side of the world, and the statuses by caller. */
    /**
     * One case of a route: how to make its request on a side of the world, and the statuses by caller. A route
     * has one row, or several told apart by a note in brackets: {@code "POST /keys [management, for another]"}.
     */
    record Row(String name, BiFunction<World, World.Side, Call> setup, List<Integer> own, List<Integer> other) {
        String method() {
            return name.substring(0, name.indexOf(' '));
        }

        String route() {
            int note = name.indexOf(" [");
            return note < 0 ? name : name.substring(0, note);
        }
    }

    private static final List<Row> ROWS = List.of(
            row("GET /openapi.json", (w, s) -> call("/openapi.json"), "200 200 200 200 200 200 200", "same"),
            row("GET /me", (w, s) -> call("/me"), "200 200 200 200 200", "same"),
            row("GET /models", (w, s) -> call("/models"), "200 200 200 200 200", "same"),
            row("GET /audit", (w, s) -> call("/audit?org_id=" + s.orgId()), "200 200 403 403 403",
                    "200 404 403 403 403"),
            row("GET /usage", (w, s) -> call("/usage?group_by=team&org_id=" + s.orgId()), "200 200 403 403 403",
                    "hidden"),
            row("GET /orgs", (w, s) -> call("/orgs"), "200 200 200 200 200", "same"),
            row("POST /orgs", (w, s) -> call("/orgs", name()), "201 403 403 403 403", "same"),
            row("GET /orgs/{org_id}", (w, s) -> call("/orgs/" + s.orgId()), "200 200 200 200 200", "hidden"),
            row("PATCH /orgs/{org_id}", (w, s) -> call("/orgs/" + s.orgId(), name()), "200 403 403 403 403",
                    "hidden"),
            row("DELETE /orgs/{org_id}", (w, s) -> call("/orgs/" + s.orgId()), "409 403 403 403 403",
                    "409 404 404 404 404"),
            row("GET /orgs/{org_id}/teams", (w, s) -> call("/orgs/" + s.orgId() + "/teams"), "200 200 200 200 200",
                    "hidden"),
            row("POST /orgs/{org_id}/teams", (w, s) -> call("/orgs/" + s.orgId() + "/teams", name()),
                    "201 201 403 403 403", "hidden"),
            row("GET /teams/{team_id}", (w, s) -> call("/teams/" + s.teamId()), "200 200 200 200 200", "hidden"),
            row("PATCH /teams/{team_id}", (w, s) -> call("/teams/" + s.teamId(), name()), "200 200 403 403 403",
                    "hidden"),
            row("DELETE /teams/{team_id}", (w, s) -> call("/teams/" + s.teamId()), "409 409 403 403 403",
                    "409 404 404 404 404"),
            row("GET /teams/{team_id}/members", (w, s) -> call("/teams/" + s.teamId() + "/members"),
                    "200 200 200 200 200", "hidden"),
            row("POST /teams/{team_id}/members", (w, s) -> call("/teams/" + s.teamId() + "/members",
                    "{\"user_id\":\"" + w.user(s.orgId(), "user") + "\"}"), "201 201 201 403 201", "hidden"),
            row("PATCH /teams/{team_id}/members/{user_id}", (w, s) -> call("/teams/" + s.teamId() + "/members/"
                    + freshMember(w, s), "{\"team_admin\":true}"), "200 200 403 403 403", "hidden"),
            row("DELETE /teams/{team_id}/members/{user_id}", (w, s) -> call("/teams/" + s.teamId() + "/members/"
                    + freshMember(w, s)), "204 204 204 403 204", "hidden"),
            row("GET /users", (w, s) -> call("/users?org_id=" + s.orgId()), "200 200 200 200 200", "hidden"),
            row("POST /users", (w, s) -> call("/users", "{\"email\":\"new" + World.unique() + "@example.com\","
                    + "\"org_id\":\"" + s.orgId() + "\"}"), "201 201 403 403 403", "hidden"),
            row("GET /users/{user_id}", (w, s) -> call("/users/" + s.spareId()), "200 200 200 404 200", "hidden"),
            row("PATCH /users/{user_id}", (w, s) -> call("/users/" + w.user(s.orgId(), "user"),
                    "{\"name\":\"Renamed\"}"), "200 200 403 404 403", "hidden"),
            row("DELETE /users/{user_id}", (w, s) -> call("/users/" + w.user(s.orgId(), "user")),
                    "204 204 403 404 403", "hidden"),
            row("GET /teams/{team_id}/service-accounts", (w, s) -> call("/teams/" + s.teamId()
                    + "/service-accounts"), "200 200 200 200 200", "hidden"),
            row("POST /teams/{team_id}/service-accounts", (w, s) -> call("/teams/" + s.teamId()
                    + "/service-accounts", name()), "201 201 201 403 201", "hidden"),
            row("GET /service-accounts/{service_account_id}", (w, s) -> call("/service-accounts/"
                    + s.serviceAccountId()), "200 200 200 200 200", "hidden"),
            row("PATCH /service-accounts/{service_account_id}", (w, s) -> call("/service-accounts/"
                    + w.serviceAccount(s.teamId()), name()), "200 200 200 403 200", "hidden"),
            row("DELETE /service-accounts/{service_account_id}", (w, s) -> call("/service-accounts/"
                    + w.serviceAccount(s.teamId())), "204 204 204 403 204", "hidden"),
            row("GET /keys", (w, s) -> call("/keys?org_id=" + s.orgId()), "200 200 200 200 200", "same"),
            row("POST /keys", (w, s) -> call("/keys", "{\"name\":\"k\",\"user_id\":\"" + w.user(s.orgId(), "user")
                    + "\"}"), "201 201 403 404 403", "hidden"),
            row("GET /keys/{key_id}", (w, s) -> call("/keys/" + s.teamKeyId()), "200 200 200 200 200", "hidden"),
            row("PATCH /keys/{key_id}", (w, s) -> call("/keys/" + w.accountKey(s.serviceAccountId()), name()),
                    "200 200 200 403 200", "hidden"),
            row("POST /keys/{key_id}/revoke", (w, s) -> call("/keys/" + w.accountKey(s.serviceAccountId())
                    + "/revoke", null), "200 200 200 403 200", "hidden"),
            row("POST /keys/{key_id}/regenerate", (w, s) -> call("/keys/" + w.accountKey(s.serviceAccountId())
                    + "/regenerate", null), "201 201 201 403 201", "hidden"),
            row("POST /keys/{key_id}/transfer", (w, s) -> call("/keys/" + w.userKey(w.user(s.orgId(), "user"))
                    + "/transfer", "{\"user_id\":\"" + w.user(s.orgId(), "user") + "\"}"), "200 200 404 404 404",
                    "hidden"),
            row("POST /keys [management, for oneself]", (w, s) -> call("/keys", "{\"name\":\"cli\","
                    + "\"scope\":\"management\"}"), "201 201 201 201 201", "same"),
            row("POST /keys [management, for another person]", (w, s) -> call("/keys", "{\"name\":\"cli\","
                    + "\"scope\":\"management\",\"user_id\":\"" + w.user(s.orgId(), "user") + "\"}"),
                    "403 403 403 404 403", "hidden"),
            row("POST /keys [for a person who is org admin elsewhere]", (w, s) -> call("/keys", "{\"name\":\"k\","
                    + "\"user_id\":\"" + w.orgAdminElsewhere(s) + "\"}"), "201 403 403 404 403", "same"),
            row("POST /keys/{key_id}/regenerate [management key of a person]", (w, s) -> call("/keys/"
                    + w.personalKeyId(s.orgId(), w.user(s.orgId(), "user"), KeyScope.MANAGEMENT) + "/regenerate",
                    null), "403 403 404 404 404", "hidden"),
            row("POST /keys/{key_id}/regenerate [key of a person who is org admin elsewhere]", (w, s) -> call(
                    "/keys/" + w.personalKeyId(s.orgId(), w.orgAdminElsewhere(s), KeyScope.INFERENCE)
                    + "/regenerate", null), "201 403 404 404 404", "hidden"),
            row("POST /keys/{key_id}/revoke [key of an admin]", (w, s) -> call("/keys/" + w.userKey(
                    w.user(s.orgId(), "admin")) + "/revoke", null), "200 403 404 404 404", "hidden"),
            row("PATCH /keys/{key_id} [key of an admin]", (w, s) -> call("/keys/" + w.userKey(
                    w.user(s.orgId(), "admin")), name()), "200 403 404 404 404", "hidden"),
            row("POST /keys/{key_id}/transfer [management key]", (w, s) -> call("/keys/" + w.personalKeyId(
                    s.orgId(), w.user(s.orgId(), "user"), KeyScope.MANAGEMENT) + "/transfer", "{\"user_id\":\""
                    + w.user(s.orgId(), "user") + "\"}"), "409 409 404 404 404", "hidden"),
            row("POST /keys/{key_id}/transfer [to a person who is org admin elsewhere]", (w, s) -> call("/keys/"
                    + w.userKey(w.user(s.orgId(), "user")) + "/transfer", "{\"user_id\":\""
                    + w.orgAdminElsewhere(s) + "\"}"), "200 403 404 404 404", "hidden"),
            row("GET /policies/{target_type}/{target_id}", (w, s) -> call("/policies/team/" + s.teamId()),
                    "200 200 200 200 200", "hidden"),
            row("PUT /policies/{target_type}/{target_id}", (w, s) -> call("/policies/team/" + s.teamId(), POLICY),
                    "200 200 403 403 403", "hidden"),
            row("DELETE /policies/{target_type}/{target_id}", (w, s) -> call("/policies/team/" + s.teamId()),
                    "204 204 403 403 403", "hidden"));

    @Parameter
    DatabaseKind kind;

    private static Path directory;
    private static AdminHarness gateway;
    private static World world;

    @BeforeParameterizedClassInvocation
    static void buildWorld(DatabaseKind kind) throws IOException {
        directory = Files.createTempDirectory("role-matrix");
        gateway = AdminHarness.start(directory, kind);
        world = new World(gateway);
    }

    @AfterParameterizedClassInvocation
    static void stop() throws IOException {
        gateway.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void everyRouteHasExactlyOneRow() {
        Set<String> routes = gateway.routes().stream().map(Route::name).collect(Collectors.toCollection(TreeSet::new));
        List<String> plain = ROWS.stream().map(Row::name).filter(name -> !name.contains(" [")).toList();

        assertThat(ROWS.stream().map(Row::name).toList()).doesNotHaveDuplicates();
        assertThat(plain).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(plain)).as("rows of the role matrix").isEqualTo(routes);
        assertThat(ROWS).allSatisfy(row -> assertThat(routes).contains(row.route()));
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Row row : ROWS) {
            for (Caller caller : Caller.values()) {
                cases.add(Arguments.of(row.name(), caller, true, row.own().get(caller.ordinal())));
                cases.add(Arguments.of(row.name(), caller, false, row.other().get(caller.ordinal())));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}, own organization {2}: {3}")
    @MethodSource("cases")
    void answersEachCallerAsTheTableSays(String route, Caller caller, boolean ownSide, int expected) {
        Row row = ROWS.stream().filter(r -> r.name().equals(route)).findFirst().orElseThrow();
        Call call = row.setup().apply(world, world.side(ownSide));

        AdminHarness.Reply reply = gateway.call(row.method(), call.path(), caller.token(world), call.body());

        assertThat(reply.status())
                .as("%s %s as %s on %s: %s", row.method(), call.path(), caller, kind, reply.text())
                .isEqualTo(expected);
        String type = ERROR_TYPES.get(expected);
        if (type != null) {
            assertThat(reply.error().path("type").asText()).isEqualTo(type);
        }
    }

    private static final Map<Integer, String> ERROR_TYPES = Map.of(401, "authentication_error",
            403, "permission_error", 404, "not_found_error", 409, "conflict_error");

    private static Row row(String route, BiFunction<World, World.Side, Call> setup, String own, String other) {
        List<Integer> ownStatuses = statuses(own);
        List<Integer> otherStatuses = switch (other) {
            case "same" -> ownStatuses;
            case "hidden" -> statuses(ownStatuses.getFirst() + " 404 404 404 404");
            default -> statuses(other);
        };
        return new Row(route, setup, ownStatuses, otherStatuses);
    }

    /** Five statuses for the people and the service account, then 401 for the inference key and no token. */
    private static List<Integer> statuses(String text) {
        List<Integer> statuses = new ArrayList<>(Arrays.stream(text.split(" ")).map(Integer::valueOf).toList());
        if (statuses.size() == 5) {
            statuses.addAll(List.of(401, 401));
        }
        return List.copyOf(statuses);
    }

    private static Call call(String path) {
        return new Call(path, null);
    }

    private static Call call(String path, @Nullable String body) {
        return new Call(path, body);
    }

    private static String name() {
        return "{\"name\":\"name-" + World.unique() + "\"}";
    }

    private static String freshMember(World world, World.Side side) {
        String user = world.user(side.orgId(), "user");
        world.member(side.teamId(), user, false);
        return user;
    }
}

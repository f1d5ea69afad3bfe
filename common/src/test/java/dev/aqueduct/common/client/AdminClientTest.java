package dev.aqueduct.common.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aqueduct.common.admin.CreateKey;
import dev.aqueduct.common.admin.CreateOrganization;
import dev.aqueduct.common.admin.CreatedKey;
import dev.aqueduct.common.admin.Key;
import dev.aqueduct.common.admin.Me;
import dev.aqueduct.common.admin.Organization;
import dev.aqueduct.common.admin.OwnerType;
import dev.aqueduct.common.admin.Scope;
import dev.aqueduct.common.admin.UpdateUser;
import dev.aqueduct.common.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminClientTest {
    private static final String TOKEN = "aqm-secret-token-0123456789";
    private static final String ORG = "{\"id\":\"org_1\",\"name\":\"acme\",\"created_at\":\"2026-01-02T03:04:05Z\"}";

    private final MockWebServer server = new MockWebServer();
    private AdminClient client;

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getLoopbackAddress(), 0);
        client = AdminClient.builder(server.url("/").toString()).token(TOKEN).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void sendsTheTokenAsBearerAndReadsTheRecord() throws InterruptedException {
        server.enqueue(json(200, "{\"user\":{\"id\":\"usr_1\",\"email\":\"a@example.com\",\"name\":null,"
                + "\"role\":\"admin\",\"org_id\":null,\"disabled\":false,\"created_at\":\"2026-01-02T03:04:05Z\"},"
                + "\"key_id\":\"key_1\",\"service_account\":null,\"orgs\":[],\"teams\":[]}"));

        Me me = client.me();

        assertThat(me.user().email()).isEqualTo("a@example.com");
        assertThat(me.keyId()).isEqualTo("key_1");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/admin/v1/me");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    }

    @Test
    void postsTheBodyInSnakeCaseAndLeavesUnsetFieldsOut() throws Exception {
        server.enqueue(json(201, "{\"id\":\"key_1\",\"name\":\"ci\",\"prefix\":\"aqk-abcdefgh\","
                + "\"scope\":\"inference\",\"org_id\":\"org_1\",\"team_id\":\"team_1\","
                + "\"owner\":{\"type\":\"service_account\",\"id\":\"sa_1\",\"name\":\"ci\"},"
                + "\"created_at\":\"2026-01-02T03:04:05Z\",\"expires_at\":null,\"last_used_at\":null,"
                + "\"revoked_at\":null,\"secret\":\"aqk-abcdefgh-secret\"}"));

        CreatedKey created = client.createKey(new CreateKey("ci", Scope.INFERENCE,
                Instant.parse("2027-01-01T00:00:00Z"), null, "sa_1"));

        assertThat(created.secret()).isEqualTo("aqk-abcdefgh-secret");
        assertThat(created.owner().type()).isEqualTo(OwnerType.SERVICE_ACCOUNT);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getRequestLine()).isEqualTo("POST /admin/v1/keys HTTP/1.1");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(Json.mapper().readTree(request.getBody().utf8())).isEqualTo(Json.mapper().readTree(
                "{\"name\":\"ci\",\"scope\":\"inference\",\"expires_at\":\"2027-01-01T00:00:00Z\","
                        + "\"service_account_id\":\"sa_1\"}"));
    }

    @Test
    void encodesPathSegmentsAndQueryParameters() throws InterruptedException {
        server.enqueue(json(200, "{\"id\":\"u\",\"email\":\"a@example.com\",\"name\":\"A\",\"role\":\"user\","
                + "\"org_id\":\"o 1\",\"disabled\":true,\"created_at\":\"2026-01-02T03:04:05Z\"}"));

        client.updateUser("usr/../1", "o 1", new UpdateUser(null, null, true));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("PATCH");
        assertThat(request.getTarget()).isEqualTo("/admin/v1/users/usr%2F..%2F1?org_id=o%201");
        assertThat(request.getBody().utf8()).isEqualTo("{\"disabled\":true}");
    }

    @Test
    void sendsActionsWithAnEmptyBodyAndDeletesWithCascade() throws InterruptedException {
        server.enqueue(json(200, keyJson("key_1", "2026-02-01T00:00:00Z")));
        server.enqueue(new MockResponse.Builder().code(204).build());

        Key revoked = client.revokeKey("key_1");
        client.deleteOrg("org_1", true);

        assertThat(revoked.revokedAt()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        RecordedRequest revoke = server.takeRequest();
        assertThat(revoke.getRequestLine()).isEqualTo("POST /admin/v1/keys/key_1/revoke HTTP/1.1");
        assertThat(revoke.getBodySize()).isZero();
        assertThat(server.takeRequest().getRequestLine())
                .isEqualTo("DELETE /admin/v1/orgs/org_1?cascade=true HTTP/1.1");
    }

    @Test
    void filtersAndPagesKeyListings() throws InterruptedException {
        server.enqueue(json(200, "{\"data\":[],\"has_more\":false,\"next_after\":null}"));

        client.keys(new KeyFilter("usr_1", null, "team_1", null), new PageOptions(10, "key_5"));

        assertThat(server.takeRequest().getTarget())
                .isEqualTo("/admin/v1/keys?user_id=usr_1&team_id=team_1&limit=10&after=key_5");
    }

    @Test
    void mapsAnErrorToItsStatusTypeParamCodeAndMessage() {
        server.enqueue(json(404, "{\"error\":{\"message\":\"No team 'team_9'\",\"type\":\"not_found_error\","
                + "\"param\":\"team_id\",\"code\":\"not_found\"}}"));

        assertThatThrownBy(() -> client.team("team_9"))
                .isInstanceOfSatisfying(AdminApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.type()).isEqualTo("not_found_error");
                    assertThat(e.param()).isEqualTo("team_id");
                    assertThat(e.code()).isEqualTo("not_found");
                    assertThat(e.getMessage()).isEqualTo("No team 'team_9'");
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.isRefused()).isFalse();
                });
    }

    @Test
    void tellsAnAnswerFromSomethingElseApart() {
        server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
                .body("<html>\n<body>Bad gateway</body>\n</html>").build());

        assertThatThrownBy(() -> client.orgs(PageOptions.FIRST))
                .isInstanceOfSatisfying(AdminApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.type()).isEqualTo(AdminApiException.INVALID_RESPONSE);
                    assertThat(e.getMessage()).isEqualTo(client.server() + " answered GET /admin/v1/orgs with status"
                            + " 502 but not with an admin API error: <html> <body>Bad gateway</body> </html>");
                });
    }

    @Test
    void refusesASuccessfulAnswerThatIsNotTheRecord() {
        server.enqueue(json(200, "<html>welcome</html>"));

        assertThatThrownBy(() -> client.org("org_1"))
                .isInstanceOf(AdminApiException.class)
                .hasMessage("The answer of " + client.server() + " to GET /admin/v1/orgs/org_1 is not the admin API's"
                        + " JSON: <html>welcome</html>");
    }

    @Test
    void skipsFieldsANewerServerAddsButKeepsThemInTheJson() {
        String withExtra = ORG.replace("}", ",\"tier\":\"gold\"}");
        server.enqueue(json(200, withExtra));
        server.enqueue(json(200, withExtra));

        Organization org = client.org("org_1");
        JsonNode json = client.sendForJson(AdminRequests.org("org_1"));

        assertThat(org).isEqualTo(new Organization("org_1", "acme", Instant.parse("2026-01-02T03:04:05Z")));
        assertThat(json.toString()).isEqualTo(withExtra);
    }

    @Test
    void followsEveryPage() throws InterruptedException {
        server.enqueue(json(200, page(true, "org_1", "org_1")));
        server.enqueue(json(200, page(true, "org_2", "org_2")));
        server.enqueue(json(200, page(false, null, "org_3")));

        var orgs = client.all(new PageOptions(1, null).apply(AdminRequests.orgs()));

        assertThat(orgs).extracting(Organization::id).containsExactly("org_1", "org_2", "org_3");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/admin/v1/orgs?limit=1");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/admin/v1/orgs?limit=1&after=org_1");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/admin/v1/orgs?limit=1&after=org_2");
    }

    @Test
    void followsEveryPageAsJson() {
        server.enqueue(json(200, page(true, "org_1", "org_1")));
        server.enqueue(json(200, page(false, null, "org_2")));

        var items = client.allJson(AdminRequests.orgs());

        assertThat(items).extracting(item -> item.get("id").asText()).containsExactly("org_1", "org_2");
    }

    @Test
    void stopsWhenAServerRepeatsAPage() {
        server.enqueue(json(200, page(true, "org_1", "org_1")));
        server.enqueue(json(200, page(true, "org_1", "org_1")));

        assertThatThrownBy(() -> client.all(AdminRequests.orgs()))
                .isInstanceOf(AdminApiException.class)
                .hasMessageEndingWith("to GET /admin/v1/orgs says more follow but gives no new 'next_after'");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void asksForCsvUsage() throws InterruptedException {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/csv")
                .body("group_id,requests\nmini,3\n").build());

        String csv = client.usageCsv(new UsageQuery("model", "day", Instant.parse("2026-01-01T00:00:00Z"), null,
                null, "team_1", null));

        assertThat(csv).isEqualTo("group_id,requests\nmini,3\n");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getTarget()).isEqualTo(
                "/admin/v1/usage?group_by=model&per=day&since=2026-01-01T00%3A00%3A00Z&team_id=team_1&format=csv");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("text/csv");
    }

    @Test
    void namesTheUrlWhenNothingListens() throws IOException {
        MockWebServer closed = new MockWebServer();
        closed.start(InetAddress.getLoopbackAddress(), 0);
        String url = closed.url("/").toString();
        closed.close();

        try (AdminClient unreachable = AdminClient.builder(url).token(TOKEN).build()) {
            assertThatThrownBy(unreachable::me)
                    .isInstanceOf(AdminConnectionException.class)
                    .hasMessageStartingWith("Cannot connect to " + url.replaceAll("/$", "") + ": ")
                    .message().doesNotContain(TOKEN);
        }
    }

    @Test
    void givesUpOnAServerThatNeverAnswers() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

        try (AdminClient impatient = AdminClient.builder(server.url("/").toString()).token(TOKEN)
                .callTimeout(Duration.ofSeconds(1)).build()) {
            assertThatThrownBy(() -> impatient.createOrg(new CreateOrganization("acme")))
                    .isInstanceOf(AdminConnectionException.class)
                    .hasMessage("No answer from " + impatient.server() + " to POST /admin/v1/orgs within 1 s");
        }
    }

    @Test
    void refusesATokenNoServerWouldIssueWithoutRepeatingIt() {
        assertThatThrownBy(() -> AdminClient.builder("http://127.0.0.1:8080").token("aqm-abc\ndef"))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("aqm-abc");
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body)
                .build();
    }

    private static String page(boolean more, String next, String id) {
        return "{\"data\":[" + ORG.replace("org_1", id) + "],\"has_more\":" + more + ",\"next_after\":"
                + (next == null ? "null" : "\"" + next + "\"") + "}";
    }

    private static String keyJson(String id, String revokedAt) {
        return "{\"id\":\"" + id + "\",\"name\":\"laptop\",\"prefix\":\"aqk-abcdefgh\",\"scope\":\"inference\","
                + "\"org_id\":\"org_1\",\"team_id\":null,\"owner\":{\"type\":\"user\",\"id\":\"usr_1\","
                + "\"name\":\"a@example.com\"},\"created_at\":\"2026-01-02T03:04:05Z\",\"expires_at\":null,"
                + "\"last_used_at\":null,\"revoked_at\":\"" + revokedAt + "\"}";
    }
}

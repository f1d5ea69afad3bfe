package dev.aqueduct.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed and invalid requests get a 400 naming the field, and change nothing. */
class AdminBadInputTest {
    @TempDir
    Path directory;

    private AdminHarness gateway;
    private String orgId;

    @BeforeEach
    void start() {
        gateway = AdminHarness.start(directory);
        orgId = gateway.get("/me", gateway.adminKey()).json().path("orgs").get(0).path("id").asText();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @ParameterizedTest(name = "{0} -> param {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "{\"name\":\"a\",\"nmae\":\"b\"}|nmae|Unknown field",
        "{\"name\":5}|name|Invalid value for",
        "{\"name\":true}|name|Invalid value for",
        "{\"name\":null}|name|is required",
        "{}|name|is required",
        "{\"name\":\"   \"}|name|must be 1 to 100 characters",
        "{\"name\":\"a\"|none|Malformed JSON",
        "{\"name\":\"a\"} {\"name\":\"b\"}|none|Invalid value",
        "{\"name\":\"a\",\"name\":\"b\"}|none|Malformed JSON",
        "[1,2]|none|Invalid value",
        "null|none|must be a JSON object",
        "not json|none|Malformed JSON"
    })
    void refusesBadTeamBodiesNamingTheField(String body, String param, String message) {
        AdminHarness.Reply reply = gateway.call("POST", "/orgs/" + orgId + "/teams", gateway.adminKey(), body);

        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.error().path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(reply.error().path("param").isNull() ? null : reply.error().path("param").asText())
                .isEqualTo(param);
        assertThat(reply.error().path("message").asText()).contains(message);
        assertThat(gateway.get("/orgs/" + orgId + "/teams", gateway.adminKey()).json().path("data")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> param {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"limits\":{\"requests_per_minute\":0}}|limits.requests_per_minute",
        "{\"limits\":{\"tokens_per_day\":-5}}|limits.tokens_per_day",
        "{\"limits\":{\"tokens_per_month\":1.5}}|limits.tokens_per_month",
        "{\"limits\":{\"concurrent_requests\":\"3\"}}|limits.concurrent_requests",
        "{\"limits\":{\"requests_per_hour\":3}}|limits.requests_per_hour",
        "{\"models\":{\"allow\":[\"mini\",\"gpt-5x\"]}}|models.allow[1]",
        "{\"models\":{\"deny\":[7]}}|models.deny[0]",
        "{\"limits\":{\"models\":{\"nope\":{\"tokens_per_day\":5}}}}|limits.models.nope",
        "{\"limits\":{\"models\":{\"mini\":{\"tokens_per_day\":0}}}}|limits.models.mini.tokens_per_day"
    })
    void refusesInvalidPoliciesNamingTheField(String body, String param) {
        AdminHarness.Reply reply = gateway.call("PUT", "/policies/org/" + orgId, gateway.adminKey(), body);

        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.error().path("param").asText()).isEqualTo(param);
        assertThat(gateway.get("/policies/org/" + orgId, gateway.adminKey()).json().path("limits").isNull()).isTrue();
    }

    @Test
    void storesAValidPolicyAsGiven() {
        String policy = "{\"models\":{\"allow\":[\"mini\",\"big\"],\"deny\":[\"big\"]},"
                + "\"limits\":{\"requests_per_minute\":60,\"tokens_per_month\":5000000000,"
                + "\"models\":{\"gpt-4o-mini\":{\"tokens_per_day\":1000}}}}";

        gateway.expect(200, "PUT", "/policies/org/" + orgId, gateway.adminKey(), policy);
        AdminHarness.Reply stored = gateway.get("/policies/org/" + orgId, gateway.adminKey());

        assertThat(stored.json().path("limits").path("tokens_per_month").asLong()).isEqualTo(5_000_000_000L);
        assertThat(stored.json().path("limits").path("models").path("gpt-4o-mini").path("tokens_per_day").asLong())
                .isEqualTo(1000);
        assertThat(stored.json().path("models").path("deny").get(0).asText()).isEqualTo("big");
    }

    @Test
    void refusesUnknownQueryParametersAndBadPaging() {
        assertThat(gateway.get("/orgs?limt=5", gateway.adminKey()).error().path("param").asText()).isEqualTo("limt");
        assertThat(gateway.get("/orgs?limit=0", gateway.adminKey()).error().path("param").asText()).isEqualTo("limit");
        assertThat(gateway.get("/orgs?limit=201", gateway.adminKey()).status()).isEqualTo(400);
        assertThat(gateway.get("/orgs?limit=x", gateway.adminKey()).status()).isEqualTo(400);
        assertThat(gateway.call("DELETE", "/orgs/" + orgId + "?cascade=yes", gateway.adminKey(), null)
                .error().path("param").asText()).isEqualTo("cascade");
    }

    @Test
    void authenticatesBeforeLookingAtQueryParameters() {
        AdminHarness.Reply anonymous = gateway.get("/keys?limt=5", null);
        AdminHarness.Reply badToken = gateway.get("/usage?nonsense=1", "aqm-not-a-key");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.error().path("type").asText()).isEqualTo("authentication_error");
        assertThat(anonymous.text()).doesNotContain("limt").doesNotContain("service_account_id");
        assertThat(badToken.status()).isEqualTo(401);
        assertThat(gateway.get("/openapi.json?x=1", null).error().path("param").asText()).isEqualTo("x");
    }

    @Test
    void refusesBodiesOverTheLimitWith413() {
        String big = "{\"name\":\"" + "x".repeat(JsonBodies.MAX_BYTES) + "\"}";

        AdminHarness.Reply reply = gateway.call("POST", "/orgs", gateway.adminKey(), big);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.error().path("code").asText()).isEqualTo("request_too_large");
    }

    @Test
    void refusesBadEmailsRolesAndScopes() {
        String user = "{\"email\":\"not-an-address\",\"org_id\":\"" + orgId + "\"}";
        assertThat(gateway.call("POST", "/users", gateway.adminKey(), user).error().path("param").asText())
                .isEqualTo("email");
        String role = "{\"email\":\"a@example.com\",\"org_id\":\"" + orgId + "\",\"role\":\"boss\"}";
        AdminHarness.Reply badRole = gateway.call("POST", "/users", gateway.adminKey(), role);
        assertThat(badRole.error().path("param").asText()).isEqualTo("role");
        assertThat(badRole.error().path("message").asText()).contains("Unknown role 'boss'");
        String teamAdmin = "{\"email\":\"a@example.com\",\"org_id\":\"" + orgId + "\",\"role\":\"team_admin\"}";
        assertThat(gateway.call("POST", "/users", gateway.adminKey(), teamAdmin).error().path("param").asText())
                .isEqualTo("role");
        String key = "{\"name\":\"k\",\"scope\":\"root\"}";
        assertThat(gateway.call("POST", "/keys", gateway.adminKey(), key).error().path("param").asText())
                .isEqualTo("scope");
        String past = "{\"name\":\"k\",\"expires_at\":\"2001-01-01T00:00:00Z\"}";
        assertThat(gateway.call("POST", "/keys", gateway.adminKey(), past).error().path("param").asText())
                .isEqualTo("expires_at");
        String epoch = "{\"name\":\"k\",\"expires_at\":1999999999}";
        assertThat(gateway.call("POST", "/keys", gateway.adminKey(), epoch).error().path("param").asText())
                .isEqualTo("expires_at");
        String farFuture = "{\"name\":\"k\",\"expires_at\":\"+999999999-12-31T23:59:59Z\"}";
        AdminHarness.Reply tooFar = gateway.call("POST", "/keys", gateway.adminKey(), farFuture);
        assertThat(tooFar.status()).isEqualTo(400);
        assertThat(tooFar.error().path("param").asText()).isEqualTo("expires_at");
    }

    @ParameterizedTest
    @CsvSource({"'ev\\u001b[31mil@example.com'", "'x@example.com\\u0000'", "'tab\\u0009bed@example.com'"})
    void refusesEmailsWithControlCharacters(String jsonEscapedEmail) {
        String user = "{\"email\":\"" + jsonEscapedEmail + "\",\"org_id\":\"" + orgId + "\"}";

        AdminHarness.Reply reply = gateway.call("POST", "/users", gateway.adminKey(), user);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error().path("param").asText()).isEqualTo("email");
    }

    @Test
    void answersUnknownRoutesAndMethodsInTheErrorShape() {
        AdminHarness.Reply unknown = gateway.get("/nothing-here", gateway.adminKey());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().path("type").asText()).isEqualTo("not_found_error");

        AdminHarness.Reply wrongMethod = gateway.call("PUT", "/orgs", gateway.adminKey(), "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);

        AdminHarness.Reply badType = gateway.get("/policies/galaxy/x", gateway.adminKey());
        assertThat(badType.status()).isEqualTo(404);
    }
}

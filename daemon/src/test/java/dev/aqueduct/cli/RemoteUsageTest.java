package dev.aqueduct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code aqueduct usage --url}: the question it asks {@code GET /admin/v1/usage} and how it prints
 * the answer. The server is scripted, so the report's shape is exactly the admin API's contract.
 */
class RemoteUsageTest {
    private static final String TOKEN = "aqm-usage-test-token-0123456789abcdef";
    private static final String REPORT = "{\"group_by\":\"model\",\"per\":\"day\","
            + "\"since\":\"2026-03-01T00:00:00Z\",\"until\":\"2026-03-03T00:00:00Z\",\"data\":["
            + "{\"period\":\"2026-03-01T00:00:00Z\",\"group_id\":\"gpt-4o-mini\",\"group\":\"gpt-4o-mini\","
            + "\"requests\":4,\"errors\":1,\"input_tokens\":1200,\"output_tokens\":300,\"cached_tokens\":0,"
            + "\"latency_ms\":2000},"
            + "{\"period\":\"2026-03-02T00:00:00Z\",\"group_id\":\"\",\"group\":\"\","
            + "\"requests\":0,\"errors\":0,\"input_tokens\":0,\"output_tokens\":0,\"cached_tokens\":0,"
            + "\"latency_ms\":0}]}";

    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void asksForTheReportAndPrintsOneRowPerPeriodAndGroup() throws InterruptedException {
        server.enqueue(json(REPORT));

        Cli.Result result = run("usage", "--group-by", "model", "--per", "day", "--since", "2026-03-01",
                "--until", "2026-03-03", "--team", "team_1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).containsExactly(
                "Usage from 2026-03-01 00:00Z to 2026-03-03 00:00Z by model per day:",
                "DAY         MODEL        REQUESTS  ERRORS  INPUT TOKENS  OUTPUT TOKENS  CACHED TOKENS"
                        + "  MEAN LATENCY MS",
                "2026-03-01  gpt-4o-mini         4       1          1200            300              0"
                        + "              500",
                "2026-03-02  -                   0       0             0              0              0"
                        + "                0");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/admin/v1/usage");
        assertThat(request.getUrl().queryParameter("group_by")).isEqualTo("model");
        assertThat(request.getUrl().queryParameter("per")).isEqualTo("day");
        assertThat(request.getUrl().queryParameter("since")).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(request.getUrl().queryParameter("until")).isEqualTo("2026-03-03T00:00:00Z");
        assertThat(request.getUrl().queryParameter("team_id")).isEqualTo("team_1");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void printsTheAnswerAsJsonForScripts() {
        server.enqueue(json(REPORT));

        Cli.Result result = run("usage", "--by", "model", "--output", "json");

        assertThat(result.outLines()).containsExactly(REPORT);
    }

    @Test
    void asksForCsvAndPrintsItAsAnswered() throws InterruptedException {
        String csv = "period,group_id,group,requests\r\n2026-03-01T00:00:00Z,gpt-4o-mini,gpt-4o-mini,4\r\n";
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/csv").body(csv).build());

        Cli.Result result = run("usage", "--by", "model", "--per", "day", "--output", "csv");

        assertThat(result.out()).isEqualTo(csv);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().queryParameter("format")).isEqualTo("csv");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("text/csv");
    }

    @Test
    void looksUpAnOrganizationAndTeamByName() throws InterruptedException {
        server.enqueue(json("{\"data\":[{\"id\":\"org_7\",\"name\":\"acme\",\"created_at\":\"2026-01-01T00:00:00Z\"}],"
                + "\"has_more\":false,\"next_after\":null}"));
        server.enqueue(json("{\"data\":[{\"id\":\"team_9\",\"org_id\":\"org_7\",\"name\":\"ml\","
                + "\"created_at\":\"2026-01-01T00:00:00Z\"}],\"has_more\":false,\"next_after\":null}"));
        server.enqueue(json(REPORT));

        Cli.Result result = run("usage", "--org", "acme", "--team", "ml");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/admin/v1/orgs");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/admin/v1/orgs/org_7/teams");
        RecordedRequest usage = server.takeRequest();
        assertThat(usage.getUrl().queryParameter("org_id")).isEqualTo("org_7");
        assertThat(usage.getUrl().queryParameter("team_id")).isEqualTo("team_9");
    }

    @Test
    void saysWhenThereIsNoUsage() {
        server.enqueue(json("{\"group_by\":\"user\",\"per\":null,\"since\":\"2026-03-01T00:00:00Z\","
                + "\"until\":\"2026-03-02T00:00:00Z\",\"data\":[]}"));

        Cli.Result result = run("usage");

        assertThat(result.outLines()).containsExactly("No usage from 2026-03-01 00:00Z to 2026-03-02 00:00Z.");
    }

    @Test
    void refusesAPeriodOtherThanHourOrDay() {
        Cli.Result result = run("usage", "--per", "week");

        assertThat(result.exitCode()).isEqualTo(AqueductCommand.EXIT_USAGE);
        assertThat(result.err()).contains("'week'");
        assertThat(server.getRequestCount()).isZero();
    }

    private Cli.Result run(String... args) {
        return Cli.runIn(Map.of("AQUEDUCT_URL", server.url("/").toString(), "AQUEDUCT_TOKEN", TOKEN), args);
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }
}

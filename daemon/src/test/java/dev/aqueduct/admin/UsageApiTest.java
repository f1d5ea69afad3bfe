package dev.aqueduct.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aqueduct.simulator.SimulatorOptions;
import dev.aqueduct.simulator.UpstreamSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /usage} over real relayed requests, scoped to what each caller's role may see. */
class UsageApiTest {
    private static final String CHAT = "{\"model\":\"mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @TempDir
    Path directory;

    private UpstreamSimulator simulator;
    private AdminHarness gateway;
    private World world;
    private String teamKey;

    @BeforeEach
    void start() {
        simulator = UpstreamSimulator.start(SimulatorOptions.defaults().withPort(0));
        gateway = AdminHarness.start(directory, simulator.baseUrl().toString(), 10);
        world = new World(gateway);
        teamKey = gateway.expect(201, "POST", "/keys", gateway.adminKey(), "{\"name\":\"ci\",\"service_account_id\":\""
                + world.own().serviceAccountId() + "\"}").json().path("secret").asText();
        chat(world.own().inferenceToken());
        chat(world.own().inferenceToken());
        chat(teamKey);
        chat(world.other().inferenceToken());
        awaitRequests(4);
    }

    @AfterEach
    void stop() {
        gateway.close();
        simulator.close();
    }

    @Test
    void showsAdminsEveryOrganization() {
        JsonNode report = gateway.get("/usage?group_by=org", gateway.adminKey()).json();

        assertThat(groups(report)).containsExactlyInAnyOrder(world.own().orgId(), world.other().orgId());
        assertThat(report.path("group_by").asText()).isEqualTo("org");
        assertThat(report.path("per").isNull()).isTrue();
    }

    @Test
    void showsOrgAdminsTheirOrganizationOnly() {
        JsonNode report = gateway.get("/usage?group_by=user&org_id=" + world.own().orgId(),
                world.own().orgAdminToken()).json();

        assertThat(groups(report)).containsExactlyInAnyOrder(world.own().userId(), world.own().serviceAccountId());
        assertThat(gateway.get("/usage?org_id=" + world.other().orgId(), world.own().orgAdminToken()).status())
                .isEqualTo(404);
    }

    @Test
    void showsTeamAdminsTheirTeamAndPeopleTheirOwnUsage() {
        JsonNode team = gateway.get("/usage?group_by=key&team_id=" + world.own().teamId(),
                world.own().teamAdminToken()).json();
        JsonNode mine = gateway.get("/usage?group_by=user&per=day", world.own().userToken()).json();

        assertThat(team.path("data")).hasSize(1);
        assertThat(team.path("data").get(0).path("requests").asLong()).isEqualTo(1);
        assertThat(groups(mine)).containsExactly(world.own().userId());
        assertThat(mine.path("data").get(0).path("requests").asLong()).isEqualTo(2);
        assertThat(mine.path("data").get(0).path("period").asText()).endsWith("T00:00:00Z");
        assertThat(gateway.get("/usage?team_id=" + world.own().teamId(), world.own().userToken()).status())
                .isEqualTo(403);
    }

    @Test
    void answersCsvWhenAsked() {
        AdminHarness.Reply byQuery = gateway.get("/usage?group_by=model&format=csv", gateway.adminKey());
        AdminHarness.Reply byHeader = gateway.send("GET", gateway.baseUrl() + "/admin/v1/usage?group_by=model",
                gateway.adminKey(), null);

        assertThat(byQuery.text()).startsWith("period,group_id,group,requests").contains("gpt-4o-mini");
        assertThat(byHeader.json().path("data")).hasSize(1);
        assertThat(gateway.get("/usage?per=week", gateway.adminKey()).error().path("param").asText())
                .isEqualTo("per");
        assertThat(gateway.get("/usage?since=yesterday", gateway.adminKey()).error().path("param").asText())
                .isEqualTo("since");
    }

    private static List<String> groups(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.path("data").forEach(row -> ids.add(row.path("group_id").asText()));
        return ids;
    }

    private void chat(String key) {
        AdminHarness.Reply reply = gateway.send("POST", gateway.baseUrl() + "/v1/chat/completions", key, CHAT);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    }

    private void awaitRequests(long expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (storedRequests() < expected) {
            if (System.nanoTime() - deadline > 0) {
                fail("Usage of " + expected + " requests was not stored in time");
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    private long storedRequests() {
        return gateway.database().jdbi().withHandle(handle -> handle
                .createQuery("SELECT COALESCE(SUM(requests), 0) FROM usage_hourly").mapTo(Long.class).one());
    }
}

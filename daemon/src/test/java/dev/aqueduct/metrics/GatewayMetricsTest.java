package dev.aqueduct.metrics;

import static dev.aqueduct.metrics.Promtool.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aqueduct.usage.UsageEvent;
import dev.aqueduct.usage.UsageStats;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewayMetricsTest {
    private static final List<String> ENDPOINTS = List.of("/v1/chat/completions", "/v1/embeddings");
    private static final String CHAT = "/v1/chat/completions";
    private static final UsageStats USAGE = new UsageStats(3, 100, 42, 0, 0, 0, 0, 0, 1, 0, true);

    private static GatewayMetrics metrics(List<String> models) {
        return GatewayMetrics.create(ENDPOINTS, models, List.of("sim/a", "sim/b"), () -> USAGE);
    }

    private static UsageEvent event(String endpoint, String model, String deployment, int status,
            long latencyMillis, @Nullable Long firstTokenMillis, long overheadMicros) {
        return new UsageEvent("req_1", Instant.EPOCH, "key_1", "org_1", null, "usr_1", null, model, deployment,
                endpoint, status, 11, 7, 3, false, latencyMillis, firstTokenMillis, overheadMicros);
    }

    @Test
    void putsEachLatencyInItsBucket() {
        GatewayMetrics metrics = metrics(List.of("a"));
        metrics.record(event(CHAT, "a", "sim/a", 200, 100, 20L, 150));
        metrics.record(event(CHAT, "a", "sim/a", 200, 3000, null, 2000));

        String text = metrics.text();

        String route = "endpoint=\"/v1/chat/completions\",model=\"a\"";
        assertThat(value(text, "aqueduct_request_duration_seconds_bucket{" + route + ",le=\"0.05\"}")).isZero();
        assertThat(value(text, "aqueduct_request_duration_seconds_bucket{" + route + ",le=\"0.1\"}")).isEqualTo(1);
        assertThat(value(text, "aqueduct_request_duration_seconds_bucket{" + route + ",le=\"2.5\"}")).isEqualTo(1);
        assertThat(value(text, "aqueduct_request_duration_seconds_bucket{" + route + ",le=\"5\"}")).isEqualTo(2);
        assertThat(value(text, "aqueduct_request_duration_seconds_sum{" + route + "}"))
                .isCloseTo(3.1, within(1e-9));
        assertThat(value(text, "aqueduct_time_to_first_token_seconds_count{" + route + "}")).isEqualTo(1);
        assertThat(value(text, "aqueduct_time_to_first_token_seconds_sum{" + route + "}"))
                .isCloseTo(0.02, within(1e-9));
        assertThat(value(text, "aqueduct_gateway_overhead_seconds_bucket{endpoint=\"/v1/chat/completions\","
                + "le=\"0.00025\"}")).isEqualTo(1);
        assertThat(value(text, "aqueduct_upstream_duration_seconds_sum{deployment=\"sim/a\"}"))
                .isCloseTo(0.09985 + 2.998, within(1e-9));
        assertThat(value(text, "aqueduct_tokens_total{model=\"a\",kind=\"cached\"}")).isEqualTo(6);
    }

    @ParameterizedTest
    @CsvSource({
        "200, 2xx, ",
        "302, 3xx, ",
        "404, 4xx, 404",
        "418, 4xx, 4xx",
        "429, 4xx, 429",
        "499, 4xx, 499",
        "502, 5xx, 502",
        "507, 5xx, 5xx"
    })
    void countsStatusesByClassAndErrorsByStatus(int status, String statusClass, String errorLabel) {
        GatewayMetrics metrics = metrics(List.of("a"));
        metrics.record(event(CHAT, "a", "sim/a", status, 10, null, 10));

        String text = metrics.text();

        String route = "endpoint=\"/v1/chat/completions\",model=\"a\"";
        assertThat(value(text, "aqueduct_requests_total{" + route + ",status=\"" + statusClass + "\"}")).isEqualTo(1);
        if (errorLabel == null) {
            assertThat(text).doesNotContain("aqueduct_errors_total{");
        } else {
            assertThat(value(text, "aqueduct_errors_total{" + route + ",status=\"" + errorLabel + "\"}")).isEqualTo(1);
        }
    }

    @Test
    void boundsEveryLabelToConfiguredValues() {
        GatewayMetrics metrics = metrics(List.of("a"));
        metrics.record(event("/v1/made/up", "gpt-5x", "elsewhere/x", 200, 10, null, 10));
        metrics.record(event(CHAT, "(unknown)", "", 404, 10, null, 10));
        metrics.recordAnswered("/v1/models/some-model", 200);
        metrics.recordAnswered("/admin/anything", 401);
        metrics.recordFailover("elsewhere/x");

        String text = metrics.text();

        assertThat(value(text, "aqueduct_requests_total{endpoint=\"other\",model=\"unknown\",status=\"2xx\"}"))
                .isEqualTo(1);
        assertThat(value(text, "aqueduct_errors_total{endpoint=\"/v1/chat/completions\",model=\"unknown\","
                + "status=\"404\"}")).isEqualTo(1);
        assertThat(value(text, "aqueduct_requests_total{endpoint=\"/v1/models\",model=\"unknown\",status=\"2xx\"}"))
                .isEqualTo(1);
        assertThat(value(text, "aqueduct_errors_total{endpoint=\"other\",model=\"unknown\",status=\"401\"}"))
                .isEqualTo(1);
        assertThat(value(text, "aqueduct_upstream_duration_seconds_count{deployment=\"unknown\"}")).isEqualTo(1);
        assertThat(value(text, "aqueduct_deployment_failovers_total{deployment=\"unknown\"}")).isEqualTo(1);
        assertThat(text).doesNotContain("gpt-5x", "made/up", "elsewhere", "some-model", "admin");
    }

    @Test
    void aModelNamedUnknownSharesTheFallbackSeries() {
        GatewayMetrics metrics = metrics(List.of("unknown", "a"));
        metrics.record(event(CHAT, "unknown", "sim/a", 200, 10, 5L, 10));
        metrics.record(event(CHAT, "not-configured", "sim/a", 200, 10, 5L, 10));

        assertThat(value(metrics.text(), "aqueduct_request_duration_seconds_count{endpoint=\"/v1/chat/completions\","
                + "model=\"unknown\"}")).isEqualTo(2);
    }

    @Test
    void escapesLabelValuesAndPassesPromtool() throws Exception {
        String model = "odd \"model\" \\ with\nnewline";
        GatewayMetrics metrics = metrics(List.of(model));
        metrics.record(event(CHAT, model, "sim/a", 200, 10, 5L, 10));

        String text = metrics.text();

        assertThat(text).contains("model=\"odd \\\"model\\\" \\\\ with\\nnewline\"");
        Promtool.Result check = Promtool.checkMetrics(text);
        assertThat(check.exitCode()).as("promtool check metrics said:%n%s%non:%n%s", check.output(), text).isZero();
    }

    @Test
    void countsLimitRefusalsByLimit() {
        GatewayMetrics metrics = metrics(List.of("a"));
        metrics.recordLimitRefusal(LimitKind.TOKENS_PER_DAY);
        metrics.recordLimitRefusal(LimitKind.TOKENS_PER_DAY);

        String text = metrics.text();

        assertThat(value(text, "aqueduct_limit_refusals_total{limit=\"tokens_per_day\"}")).isEqualTo(2);
        assertThat(value(text, "aqueduct_limit_refusals_total{limit=\"requests_per_minute\"}")).isZero();
    }

    @Test
    void startsWithZeroFailoversForEveryConfiguredDeployment() {
        GatewayMetrics metrics = metrics(List.of("a"));
        metrics.recordFailover("sim/b");

        String text = metrics.text();

        assertThat(value(text, "aqueduct_deployment_failovers_total{deployment=\"sim/a\"}")).isZero();
        assertThat(value(text, "aqueduct_deployment_failovers_total{deployment=\"sim/b\"}")).isEqualTo(1);
    }

    @Test
    void readsTheUsagePathAtEveryScrape() {
        UsageStats[] stats = {USAGE};
        GatewayMetrics metrics = GatewayMetrics.create(ENDPOINTS, List.of("a"), List.of(), () -> stats[0]);
        stats[0] = new UsageStats(3, 100, 42, 7, 4096, 5, 2, 1, 1, 250_000, false);

        String text = metrics.text();

        assertThat(value(text, "aqueduct_usage_buffer_events")).isEqualTo(3);
        assertThat(value(text, "aqueduct_usage_buffer_capacity_events")).isEqualTo(100);
        assertThat(value(text, "aqueduct_usage_events_stored_total")).isEqualTo(42);
        assertThat(value(text, "aqueduct_usage_events_spooled_total")).isEqualTo(7);
        assertThat(value(text, "aqueduct_usage_events_replayed_total")).isEqualTo(5);
        assertThat(value(text, "aqueduct_usage_events_lost_total")).isEqualTo(1);
        assertThat(value(text, "aqueduct_usage_write_failures_total")).isEqualTo(2);
        assertThat(value(text, "aqueduct_usage_spool_write_failures_total")).isEqualTo(1);
        assertThat(value(text, "aqueduct_usage_spool_bytes")).isEqualTo(4096);
        assertThat(value(text, "aqueduct_usage_flush_duration_seconds")).isEqualTo(0.25);
        assertThat(value(text, "aqueduct_usage_database_up")).isZero();
    }

    @Test
    void disabledMetricsRecordNothing() {
        GatewayMetrics metrics = GatewayMetrics.disabled();
        metrics.record(event(CHAT, "a", "sim/a", 200, 10, 5L, 10));
        metrics.recordAnswered(CHAT, 401);
        metrics.recordFailover("sim/a");
        metrics.recordLimitRefusal(LimitKind.CONCURRENT_REQUESTS);

        assertThat(metrics.enabled()).isFalse();
        assertThat(metrics.text()).isEmpty();
    }
}

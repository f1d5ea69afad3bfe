package dev.aqueduct.cli;

import dev.aqueduct.common.admin.UsageRow;
import dev.aqueduct.common.admin.UsageTable;
import dev.aqueduct.common.client.AdminClient;
import dev.aqueduct.common.client.AdminRequests;
import dev.aqueduct.common.client.UsageQuery;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** {@code usage} through the admin API. */
final class RemoteUsage {
    /** The report asked for on the command line; the user may be named by email. */
    record Question(String groupBy, @Nullable String per, Instant since, @Nullable Instant until,
            @Nullable String org, @Nullable String team, @Nullable String user) {
    }

    private RemoteUsage() {
    }

    static int print(RemoteOptions remote, Answers answers, Question question) {
        try (AdminClient client = remote.connect()) {
            String userId = question.user() == null ? null : Lookups.userId(client, question.user());
            UsageQuery query = new UsageQuery(question.groupBy(), question.per(), question.since(), question.until(),
                    question.org(), question.team(), userId);
            if (answers.json()) {
                answers.print(client.sendForJson(AdminRequests.usage(query)));
                return 0;
            }
            UsageTable report = client.usage(query);
            String window = TimeArguments.format(report.since()) + " to " + TimeArguments.format(report.until());
            if (report.data().isEmpty()) {
                answers.line("No usage from " + window + ".");
                return 0;
            }
            answers.line("Usage from " + window + " by " + report.groupBy()
                    + (report.per() == null ? "" : " per " + report.per()) + ":");
            table(report).print(answers.out());
        }
        return 0;
    }

    private static Table table(UsageTable report) {
        boolean periods = report.per() != null;
        Table table = periods
                ? new Table("PERIOD", report.groupBy().toUpperCase(Locale.ROOT), "REQUESTS", "ERRORS", "INPUT TOKENS",
                        "OUTPUT TOKENS", "CACHED TOKENS", "MEAN LATENCY MS").alignRight(2, 3, 4, 5, 6, 7)
                : new Table(report.groupBy().toUpperCase(Locale.ROOT), "REQUESTS", "ERRORS", "INPUT TOKENS",
                        "OUTPUT TOKENS", "CACHED TOKENS", "MEAN LATENCY MS").alignRight(1, 2, 3, 4, 5, 6);
        for (UsageRow row : report.data()) {
            String group = row.group().isEmpty() ? "-" : row.group();
            long meanLatency = row.requests() == 0 ? 0 : row.latencyMs() / row.requests();
            if (periods) {
                table.row(TimeArguments.format(row.period()), group, row.requests(), row.errors(), row.inputTokens(),
                        row.outputTokens(), row.cachedTokens(), meanLatency);
            } else {
                table.row(group, row.requests(), row.errors(), row.inputTokens(), row.outputTokens(),
                        row.cachedTokens(), meanLatency);
            }
        }
        return table;
    }
}

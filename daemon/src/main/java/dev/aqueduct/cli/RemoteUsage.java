package dev.aqueduct.cli;

import dev.aqueduct.common.admin.UsageRow;
import dev.aqueduct.common.admin.UsageTable;
import dev.aqueduct.common.client.AdminClient;
import dev.aqueduct.common.client.AdminRequests;
import dev.aqueduct.common.client.UsageQuery;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** {@code usage} through the admin API: the same report as on the database, asked of a running gateway. */
final class RemoteUsage {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /** The report asked for on the command line; filters may name things as people know them. */
    record Question(String groupBy, @Nullable String per, Instant since, @Nullable Instant until,
            @Nullable String org, @Nullable String team, @Nullable String user) {
    }

    private RemoteUsage() {
    }

    static int print(RemoteOptions remote, PrintWriter out, UsageCommand.Output output, Question question) {
        try (AdminClient client = remote.connect()) {
            UsageQuery query = query(client, question);
            switch (output) {
                case JSON -> out.println(client.sendForJson(AdminRequests.usage(query)));
                case CSV -> out.print(client.usageCsv(query));
                case TABLE -> printTable(out, client.usage(query));
            }
            out.flush();
        }
        return 0;
    }

    private static UsageQuery query(AdminClient client, Question question) {
        String orgId = question.org() == null ? null : Lookups.orgId(client, question.org());
        String teamId = question.team() == null ? null : Lookups.teamId(client, orgId, question.team());
        String userId = question.user() == null ? null : Lookups.userId(client, question.user());
        return new UsageQuery(question.groupBy(), question.per(), question.since(), question.until(), orgId, teamId,
                userId);
    }

    private static void printTable(PrintWriter out, UsageTable report) {
        String window = "from " + TimeArguments.format(report.since()) + " to " + TimeArguments.format(report.until());
        if (report.data().isEmpty()) {
            out.println("No usage " + window + ".");
            return;
        }
        out.println("Usage " + window + " by " + report.groupBy() + (report.per() == null ? "" : " per "
                + report.per()) + ":");
        table(report).print(out);
    }

    private static Table table(UsageTable report) {
        String per = report.per();
        String group = report.groupBy().toUpperCase(Locale.ROOT);
        Table table = per != null
                ? new Table(per.toUpperCase(Locale.ROOT), group, "REQUESTS", "ERRORS", "INPUT TOKENS",
                        "OUTPUT TOKENS", "CACHED TOKENS", "MEAN LATENCY MS").alignRight(2, 3, 4, 5, 6, 7)
                : new Table(group, "REQUESTS", "ERRORS", "INPUT TOKENS", "OUTPUT TOKENS", "CACHED TOKENS",
                        "MEAN LATENCY MS").alignRight(1, 2, 3, 4, 5, 6);
        for (UsageRow row : report.data()) {
            String name = row.group().isEmpty() ? "-" : row.group();
            long meanLatency = row.requests() == 0 ? 0 : row.latencyMs() / row.requests();
            if (per != null) {
                table.row(period(per, row.period()), name, row.requests(), row.errors(), row.inputTokens(),
                        row.outputTokens(), row.cachedTokens(), meanLatency);
            } else {
                table.row(name, row.requests(), row.errors(), row.inputTokens(), row.outputTokens(),
                        row.cachedTokens(), meanLatency);
            }
        }
        return table;
    }

    private static String period(String per, @Nullable Instant start) {
        if (start == null) {
            return "-";
        }
        return per.equals("day") ? DAY.format(start) : TimeArguments.format(start);
    }
}

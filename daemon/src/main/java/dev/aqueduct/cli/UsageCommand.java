package dev.aqueduct.cli;

import dev.aqueduct.usage.UsageGrouping;
import dev.aqueduct.usage.UsageReport;
import dev.aqueduct.usage.UsageTotals;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints requests, errors and tokens per user, model, key, organization or team. */
@Command(
        name = "usage",
        mixinStandardHelpOptions = true,
        description = {
            "Prints requests, errors and tokens per group since a time, from the database (--config) or the admin"
                    + " API (--url).",
            "Reads the hourly totals: the report starts at the beginning of the hour --since falls in, "
                    + "and counts every request stored up to now (or up to --until, through the admin API)."
        })
final class UsageCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private Where where;

    @Mixin
    private OutputOption output;

    @Option(names = "--since", paramLabel = "WHEN", defaultValue = "24h", converter = TimeArguments.Since.class,
            description = "Start of the report: " + TimeArguments.FORMS + " (default: ${DEFAULT-VALUE}).")
    private Instant since = Instant.EPOCH;

    @Option(names = {"--by", "--group-by"}, paramLabel = "GROUP", defaultValue = "user",
            converter = GroupingConverter.class,
            description = "Sum by user, model, key, org or team (default: ${DEFAULT-VALUE}).")
    private UsageGrouping by = UsageGrouping.USER;

    @Option(names = "--until", paramLabel = "WHEN", converter = TimeArguments.Since.class,
            description = "Through the admin API: end of the report, " + TimeArguments.FORMS + " (default: now).")
    private @Nullable Instant until;

    @Option(names = "--per", paramLabel = "PERIOD", converter = PeriodConverter.class,
            description = "Through the admin API: one row per group and hour or day.")
    private @Nullable String per;

    @Option(names = "--org", paramLabel = "ORG_ID", description = "Through the admin API: only this organization.")
    private @Nullable String org;

    @Option(names = "--team", paramLabel = "TEAM_ID", description = "Through the admin API: only this team.")
    private @Nullable String team;

    @Option(names = "--user", paramLabel = "USER", description = "Through the admin API: only this user (id or email).")
    private @Nullable String user;

    @Override
    public Integer call() {
        if (where.remote()) {
            return RemoteUsage.print(where.remoteOptions(), new Answers(spec, output),
                    new RemoteUsage.Question(by.value(), per, since, until, org, team, user));
        }
        where.refuseOnDatabase(until != null || per != null, "--until and --per");
        where.refuseOnDatabase(org != null || team != null || user != null, "--org, --team and --user");
        where.refuseOnDatabase(output.json(), "--output json");
        List<UsageTotals> totals;
        try (LocalStore store = LocalStore.open(where.configOption())) {
            totals = store.usage().totals(since, by);
        }
        String from = TimeArguments.format(UsageReport.windowStart(since));
        PrintWriter out = spec.commandLine().getOut();
        if (totals.isEmpty()) {
            out.println("No usage since " + from + ".");
            out.flush();
            return 0;
        }
        out.println("Usage since " + from + " by " + by.value() + ":");
        table(totals).print(out);
        return 0;
    }

    private Table table(List<UsageTotals> totals) {
        Table table = new Table(by.value().toUpperCase(Locale.ROOT), "REQUESTS", "ERRORS", "INPUT TOKENS",
                "OUTPUT TOKENS", "CACHED TOKENS").alignRight(1, 2, 3, 4, 5);
        for (UsageTotals row : totals) {
            table.row(row.group(), row.requests(), row.errors(), row.inputTokens(), row.outputTokens(),
                    row.cachedTokens());
        }
        return table;
    }

    /** Reads {@code --per}: {@code hour} or {@code day}. */
    static final class PeriodConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!value.equals("hour") && !value.equals("day")) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a period; use hour or day");
            }
            return value;
        }
    }

    /** Reads {@code --by}; an unknown grouping is a command-line mistake. */
    static final class GroupingConverter implements CommandLine.ITypeConverter<UsageGrouping> {
        @Override
        public UsageGrouping convert(String value) {
            try {
                return UsageGrouping.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}

package dev.aqueduct.cli;

import dev.aqueduct.usage.UsageGrouping;
import dev.aqueduct.usage.UsageReport;
import dev.aqueduct.usage.UsageTotals;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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
            "Prints requests, errors and tokens per group since a time.",
            "Reads the hourly totals: the report starts at the beginning of the hour --since falls in, "
                    + "and counts every request stored up to now."
        })
final class UsageCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOption config;

    @Option(names = "--since", paramLabel = "WHEN", defaultValue = "24h", converter = TimeArguments.Since.class,
            description = "Start of the report: " + TimeArguments.FORMS + " (default: ${DEFAULT-VALUE}).")
    private Instant since = Instant.EPOCH;

    @Option(names = "--by", paramLabel = "GROUP", defaultValue = "user", converter = GroupingConverter.class,
            description = "Sum by user, model, key, org or team (default: ${DEFAULT-VALUE}).")
    private UsageGrouping by = UsageGrouping.USER;

    @Override
    public Integer call() {
        List<UsageTotals> totals;
        try (LocalStore store = LocalStore.open(config)) {
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

package dev.aqueduct.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.aqueduct.common.json.Json;
import dev.aqueduct.usage.UsageCsv;
import dev.aqueduct.usage.UsageGrouping;
import dev.aqueduct.usage.UsagePeriod;
import dev.aqueduct.usage.UsageQuery;
import dev.aqueduct.usage.UsageRow;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints requests, errors and tokens per user, model, key, organization or team, per hour, day or in total. */
@Command(
        name = "usage",
        mixinStandardHelpOptions = true,
        description = {
            "Prints requests, errors and tokens per group, in total or per hour or UTC day, from the database"
                    + " (--config) or through the admin API (--url).",
            "Reads the hourly totals: the report starts at the beginning of the hour --since falls in, "
                    + "and ends with the last hour that starts before --until (default: every request stored)."
        })
final class UsageCommand implements Callable<Integer> {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    @Spec
    private CommandSpec spec;

    @Mixin
    private Where where;

    @Option(names = "--since", paramLabel = "WHEN", defaultValue = "24h", converter = TimeArguments.Since.class,
            description = "Start of the report: " + TimeArguments.FORMS + " (default: ${DEFAULT-VALUE}).")
    private Instant since = Instant.EPOCH;

    @Option(names = "--until", paramLabel = "WHEN", converter = TimeArguments.Since.class,
            description = "End of the report, in the same forms as --since (default: now).")
    private @Nullable Instant until;

    @Option(names = {"--by", "--group-by"}, paramLabel = "GROUP", defaultValue = "user",
            converter = GroupingConverter.class,
            description = "Sum by user, model, key, org or team (default: ${DEFAULT-VALUE}).")
    private UsageGrouping by = UsageGrouping.USER;

    @Option(names = "--per", paramLabel = "PERIOD", defaultValue = "none", converter = PeriodConverter.class,
            description = "One row per group and hour, or per group and UTC day; none sums the whole window "
                    + "(default: ${DEFAULT-VALUE}).")
    private UsagePeriod per = UsagePeriod.NONE;

    @Mixin
    private UsageFilters filters;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            converter = OutputConverter.class,
            description = "table, json or csv (default: ${DEFAULT-VALUE}); through the admin API, json and csv"
                    + " are its answer exactly.")
    private Output output = Output.TABLE;

    @Override
    public Integer call() {
        requireUntilAfterSince();
        if (where.remote()) {
            return RemoteUsage.print(where.remoteOptions(), spec.commandLine().getOut(), output, remoteQuestion());
        }
        List<UsageRow> rows;
        UsageQuery query;
        try (LocalStore store = LocalStore.open(where.configOption())) {
            query = query(filters.resolve(store.identity()));
            rows = store.usage().query(query);
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (output) {
            case JSON -> out.println(json(query, rows));
            case CSV -> out.print(UsageCsv.format(rows));
            case TABLE -> printTable(out, query, rows);
        }
        out.flush();
        return 0;
    }

    private void requireUntilAfterSince() {
        if (until != null && !until.isAfter(since)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--until (" + TimeArguments.format(until) + ") must be after --since ("
                            + TimeArguments.format(since) + ")");
        }
    }

    private UsageQuery query(UsageFilters.Ids ids) {
        return new UsageQuery(by, per, since, until, ids.orgId(), ids.teamId(), ids.userId());
    }

    /** The report to ask the admin API for; it takes the filters as ids, users also by email. */
    private RemoteUsage.Question remoteQuestion() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        return new RemoteUsage.Question(by.value(), per == UsagePeriod.NONE ? null : per.value(), since, until,
                parsed.matchedOptionValue("--org", null), parsed.matchedOptionValue("--team", null),
                parsed.matchedOptionValue("--user", null));
    }

    private void printTable(PrintWriter out, UsageQuery query, List<UsageRow> rows) {
        String window = "since " + TimeArguments.format(query.windowStart())
                + (until == null ? "" : " until " + TimeArguments.format(until));
        if (rows.isEmpty()) {
            out.println("No usage " + window + ".");
            return;
        }
        out.println("Usage " + window + " by " + by.value() + (per == UsagePeriod.NONE ? "" : " per " + per.value())
                + ":");
        table(rows).print(out);
    }

    private Table table(List<UsageRow> rows) {
        boolean split = per != UsagePeriod.NONE;
        String group = by.value().toUpperCase(Locale.ROOT);
        Table table = split
                ? new Table(per.value().toUpperCase(Locale.ROOT), group, "REQUESTS", "ERRORS", "INPUT TOKENS",
                        "OUTPUT TOKENS", "CACHED TOKENS").alignRight(2, 3, 4, 5, 6)
                : new Table(group, "REQUESTS", "ERRORS", "INPUT TOKENS", "OUTPUT TOKENS", "CACHED TOKENS")
                        .alignRight(1, 2, 3, 4, 5);
        for (UsageRow row : rows) {
            Object[] sums = {row.group(), row.requests(), row.errors(), row.inputTokens(), row.outputTokens(),
                row.cachedTokens()};
            table.row(split ? prepend(period(row.period()), sums) : sums);
        }
        return table;
    }

    private String period(@Nullable Instant start) {
        if (start == null) {
            return "-";
        }
        return per == UsagePeriod.DAY ? DAY.format(start) : TimeArguments.format(start);
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private String json(UsageQuery query, List<UsageRow> rows) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("group_by", by.value());
        report.put("per", per.value());
        report.put("since", query.windowStart().toString());
        report.put("until", until == null ? null : until.toString());
        report.put("data", rows.stream().map(UsageCommand::jsonRow).toList());
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> jsonRow(UsageRow row) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("period", row.period() == null ? null : row.period().toString());
        json.put("group_id", row.groupId());
        json.put("group", row.group());
        json.put("requests", row.requests());
        json.put("errors", row.errors());
        json.put("input_tokens", row.inputTokens());
        json.put("output_tokens", row.outputTokens());
        json.put("cached_tokens", row.cachedTokens());
        json.put("latency_ms", row.latencyMillis());
        return json;
    }

    /** The output formats of {@code --output}. */
    enum Output {
        TABLE, JSON, CSV
    }

    /** Reads {@code --output}, ignoring case. */
    static final class OutputConverter implements CommandLine.ITypeConverter<Output> {
        @Override
        public Output convert(String value) {
            for (Output output : Output.values()) {
                if (output.name().equalsIgnoreCase(value.strip())) {
                    return output;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not an output format; use table, json "
                    + "or csv");
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

    /** Reads {@code --per}; an unknown period is a command-line mistake. */
    static final class PeriodConverter implements CommandLine.ITypeConverter<UsagePeriod> {
        @Override
        public UsagePeriod convert(String value) {
            try {
                return UsagePeriod.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}

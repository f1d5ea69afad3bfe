package dev.aqueduct.cli;

import dev.aqueduct.bench.UsageStoreBenchmark;
import dev.aqueduct.config.DatabaseConfig;
import dev.aqueduct.config.UsageConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Measures how many usage events per second the buffer and writer store on a database; see bench/README.md. */
@Command(name = "bench-usage", hidden = true, mixinStandardHelpOptions = true,
        description = "Offers usage events at increasing rates and reports the highest rate stored without backlog.")
final class BenchUsageCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--url", required = true,
            description = "JDBC URL of a scratch database; its usage tables fill up.")
    private String url = "";

    @Option(names = "--rates", split = ",", defaultValue = "1000,2000,5000,10000,20000,30000,40000,60000,80000",
            description = "Events per second to offer, in order (default: ${DEFAULT-VALUE}).")
    private List<Integer> rates = List.of();

    @Option(names = "--seconds", defaultValue = "10",
            description = "Length of each rate's step (default: ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--batch-size", defaultValue = "1000",
            description = "usage.batch-size (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DatabaseConfig database = DatabaseConfig.defaults().withUrl(url);
        UsageConfig usage = new UsageConfig(65_536, 1000, batchSize);
        List<UsageStoreBenchmark.Step> steps =
                new UsageStoreBenchmark(database, usage, Duration.ofSeconds(seconds), out).run(rates);
        int best = steps.stream().filter(UsageStoreBenchmark.Step::sustained)
                .mapToInt(UsageStoreBenchmark.Step::rate).max().orElse(0);
        out.println("highest_sustained_rate=" + best);
        out.flush();
        return 0;
    }
}

package dev.aqueduct.bench;

import dev.aqueduct.config.DatabaseConfig;
import dev.aqueduct.config.UsageConfig;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.store.Database;
import dev.aqueduct.store.Ids;
import dev.aqueduct.usage.UsageBuffer;
import dev.aqueduct.usage.UsageEvent;
import dev.aqueduct.usage.UsageWriter;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How many usage events per second the real {@link UsageBuffer} and {@link UsageWriter} store on
 * a database. Events are offered at increasing rates, each for a fixed time; a rate is sustained
 * when nothing is dropped, the backlog grows by less than one batch over the second half of the
 * step, and the backlog at the end is at most two batches or a quarter second of events,
 * whichever is more. Between steps the writer drains the backlog.
 *
 * <p>Events spread over 50 keys, 5 organizations and 5 models, so each batch touches a realistic
 * number of hourly rollup rows.
 */
public final class UsageStoreBenchmark {
    private static final int KEYS = 50;
    private static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "text-embedding-3-small", "whisper-1", "o3"};
    private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final DatabaseConfig database;
    private final UsageConfig usage;
    private final Duration stepLength;
    private final PrintWriter out;

    /** A benchmark on {@code database} with the writer settings of {@code usage}; reports go to {@code out}. */
    public UsageStoreBenchmark(DatabaseConfig database, UsageConfig usage, Duration stepLength, PrintWriter out) {
        this.database = database;
        this.usage = usage;
        this.stepLength = stepLength;
        this.out = out;
    }

    /** One rate's outcome. */
    public record Step(int rate, long offered, long stored, long dropped, int depthAtMiddle, int depthAtEnd,
            boolean sustained) {
    }

    /** Runs the rates in order, stopping after the first one not sustained; returns every step run. */
    public List<Step> run(List<Integer> rates) {
        List<Step> steps = new ArrayList<>();
        try (Database db = Database.open(database)) {
            UsageBuffer buffer = new UsageBuffer(usage.bufferSize());
            UsageWriter writer = new UsageWriter(db, buffer, new KeyService(db.jdbi(), Clock.systemUTC()), usage);
            writer.start();
            try {
                for (int rate : rates) {
                    Step step = step(rate, buffer, writer);
                    steps.add(step);
                    report(step);
                    drain(writer);
                    if (!step.sustained()) {
                        break;
                    }
                }
            } finally {
                writer.close();
            }
        }
        return steps;
    }

    private Step step(int rate, UsageBuffer buffer, UsageWriter writer) {
        long storedBefore = writer.stats().storedEvents();
        long droppedBefore = writer.stats().lostEvents();
        long start = System.nanoTime();
        long length = stepLength.toNanos();
        long offered = 0;
        int depthAtMiddle = -1;
        for (long now = start; now - start < length; now = System.nanoTime()) {
            long due = (now - start) * rate / TimeUnit.SECONDS.toNanos(1);
            for (; offered < due; offered++) {
                buffer.offer(event(offered));
            }
            if (depthAtMiddle < 0 && now - start >= length / 2) {
                depthAtMiddle = writer.stats().bufferDepth();
            }
            LockSupport.parkNanos(SAMPLE_NANOS);
        }
        int depthAtEnd = writer.stats().bufferDepth();
        long dropped = writer.stats().lostEvents() - droppedBefore;
        int allowedBacklog = Math.max(2 * usage.batchSize(), rate / 4);
        boolean sustained = dropped == 0 && depthAtEnd - depthAtMiddle < usage.batchSize()
                && depthAtEnd <= allowedBacklog;
        return new Step(rate, offered, writer.stats().storedEvents() - storedBefore, dropped, depthAtMiddle, depthAtEnd,
                sustained);
    }

    private void report(Step step) {
        double seconds = stepLength.toMillis() / 1000.0;
        out.printf("rate=%d offered=%d stored_per_s=%.0f depth_middle=%d depth_end=%d dropped=%d sustained=%s%n",
                step.rate(), step.offered(), step.stored() / seconds, step.depthAtMiddle(), step.depthAtEnd(),
                step.dropped(), step.sustained() ? "yes" : "no");
        out.flush();
    }

    private static void drain(UsageWriter writer) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (writer.stats().bufferDepth() > 0 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static UsageEvent event(long sequence) {
        int key = (int) (sequence % KEYS);
        String model = MODELS[(int) (sequence % MODELS.length)];
        String org = "org_bench" + key % 5;
        return new UsageEvent(Ids.next("req"), Instant.now(), "key_bench" + key, org, null, "usr_bench" + key, null,
                model, "bench/" + model, "/v1/chat/completions", sequence % 50 == 0 ? 429 : 200, 120, 350, 40,
                false, 900, 180L, 450);
    }
}

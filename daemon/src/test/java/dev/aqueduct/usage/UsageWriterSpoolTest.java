package dev.aqueduct.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aqueduct.config.UsageConfig;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.store.Database;
import dev.aqueduct.store.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer with its spool: database failures, restarts, crashes during replay, faults of the spool. */
class UsageWriterSpoolTest {
    private static final Instant HOUR = Instant.parse("2026-05-01T10:00:00Z");
    private static final long NEVER_MILLIS = Duration.ofHours(1).toMillis();

    @TempDir
    Path directory;

    private Database database;
    private KeyService keys;
    private Path spoolDir;
    private final List<UsageWriter> opened = new ArrayList<>();

    @BeforeEach
    void setUp() {
        database = TestDatabase.open(directory);
        keys = new KeyService(database.jdbi(), Clock.systemUTC());
        spoolDir = directory.resolve("spool");
    }

    @AfterEach
    void tearDown() {
        opened.forEach(UsageWriter::close);
        database.close();
    }

    @Test
    void aStopWhileTheDatabaseIsDownSpoolsAndTheNextStartReplays() {
        UsageBuffer buffer = new UsageBuffer(100);
        UsageWriter first = writer(buffer, UsageConfig.BATCHED, UsageConfig.DEFAULT_SPOOL_MAX_BYTES);
        first.start();
        breakDatabase();
        for (int i = 0; i < 30; i++) {
            first.accept(UsageEvents.event(HOUR, "gpt-4o"));
        }

        first.close();

        assertThat(first.stats().lostEvents()).isZero();
        assertThat(first.stats().spooledEvents()).isEqualTo(30);
        assertThat(count("usage_events")).isZero();
        repairDatabase();

        UsageWriter second = writer(new UsageBuffer(100), UsageConfig.BATCHED, UsageConfig.DEFAULT_SPOOL_MAX_BYTES);
        second.start();
        Await.until("the spool is replayed", () -> second.stats().replayedEvents() == 30);
        assertThat(requests()).isEqualTo(30);
        Await.until("the replayed files are deleted", () -> UsageSpoolTest.spoolFiles(spoolDir).isEmpty());
    }

    @Test
    void aReplayCutShortByACrashCountsNoEventTwice() throws IOException {
        List<UsageEvent> events = IntStream.range(0, 10).mapToObj(i -> UsageEvents.event(HOUR, "gpt-4o")).toList();
        try (UsageSpool spool = UsageSpool.open(spoolDir, UsageConfig.DEFAULT_SPOOL_MAX_BYTES)) {
            spool.append(events, true);
        }
        // The crash: the first six were committed, but the file was not deleted yet.
        new UsageStore(database.jdbi(), keys).store(events.subList(0, 6));

        UsageWriter writer = writer(new UsageBuffer(100), UsageConfig.BATCHED, UsageConfig.DEFAULT_SPOOL_MAX_BYTES);
        assertThat(writer.storeNext()).isTrue();

        assertThat(count("usage_events")).isEqualTo(10);
        assertThat(requests()).isEqualTo(10);
        assertThat(tokens()).isEqualTo(10 * 15);
        assertThat(writer.stats().replayedEvents()).isEqualTo(4);
        assertThat(UsageSpoolTest.spoolFiles(spoolDir)).isEmpty();
    }

    @Test
    void replaysTheRestOfAFileWithACorruptLine() throws IOException {
        List<UsageEvent> events = IntStream.range(0, 3).mapToObj(i -> UsageEvents.event(HOUR, "gpt-4o")).toList();
        try (UsageSpool spool = UsageSpool.open(spoolDir, UsageConfig.DEFAULT_SPOOL_MAX_BYTES)) {
            spool.append(events, true);
        }
        Path file = UsageSpoolTest.spoolFiles(spoolDir).get(0);
        String text = Files.readString(file);
        Files.writeString(file, text.replace(events.get(1).id(), events.get(1).id() + "x"));

        UsageWriter writer = writer(new UsageBuffer(100), UsageConfig.BATCHED, UsageConfig.DEFAULT_SPOOL_MAX_BYTES);
        assertThat(writer.storeNext()).isTrue();

        assertThat(ids()).containsExactlyInAnyOrder(events.get(0).id(), events.get(2).id());
        assertThat(requests()).isEqualTo(2);
        assertThat(UsageSpoolTest.spoolFiles(spoolDir)).isEmpty();
    }

    @Test
    void keepsEventsInMemoryWhenDatabaseAndSpoolBothRefuseThem() {
        UsageBuffer buffer = new UsageBuffer(1000);
        UsageWriter writer = writer(buffer, UsageConfig.BATCHED, 4096);
        for (int i = 0; i < 40; i++) {
            writer.accept(UsageEvents.event(HOUR, "gpt-4o"));
        }
        breakDatabase();

        assertThat(writer.storeNext()).isFalse();

        UsageStats down = writer.stats();
        assertThat(down.failedSpoolWrites()).isEqualTo(1);
        assertThat(down.bufferDepth()).isEqualTo(40);
        assertThat(down.lostEvents()).isZero();
        assertThat(down.spoolBytes()).isZero();

        repairDatabase();
        assertThat(writer.storeNext()).isTrue();
        assertThat(requests()).isEqualTo(40);
        assertThat(writer.stats().bufferDepth()).isZero();
    }

    @Test
    void countsWhatAFullSpoolAndAFullBufferLose() {
        UsageBuffer buffer = new UsageBuffer(8);
        UsageWriter writer = writer(buffer, UsageConfig.BATCHED, 4096);
        breakDatabase();
        for (int i = 0; i < 60; i++) {
            writer.accept(UsageEvents.event(HOUR, "gpt-4o"));
            if (i % 8 == 7) {
                writer.storeNext();
            }
        }
        writer.close();

        repairDatabase();
        writer(new UsageBuffer(8), UsageConfig.BATCHED, 4096).storeNext();
        UsageStats stats = writer.stats();
        assertThat(stats.failedSpoolWrites()).isPositive();
        assertThat(stats.lostEvents()).isPositive();
        assertThat(requests() + stats.lostEvents()).isEqualTo(60);
    }

    @Test
    void strictDurabilityPutsEveryEventOnDiskBeforeAcceptReturns() throws Exception {
        UsageWriter writer = writer(new UsageBuffer(100), UsageConfig.STRICT, UsageConfig.DEFAULT_SPOOL_MAX_BYTES);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 40; i++) {
                results.add(threads.submit(() -> {
                    UsageEvent event = UsageEvents.event(HOUR, "gpt-4o");
                    writer.accept(event);
                    return spooledIds().contains(event.id());
                }));
            }
        }

        for (Future<Boolean> result : results) {
            assertThat(result.get()).isTrue();
        }
        assertThat(writer.stats().spooledEvents()).isEqualTo(40);
        assertThat(writer.stats().bufferDepth()).isZero();
        assertThat(count("usage_events")).isZero();
        assertThat(writer.storeNext()).isTrue();
        assertThat(requests()).isEqualTo(40);
        assertThat(writer.stats().replayedEvents()).isEqualTo(40);
    }

    @Test
    void strictDurabilityFallsBackToMemoryWhenTheSpoolFails() throws IOException {
        Path blocker = directory.resolve("blocker");
        Files.writeString(blocker, "not a directory");
        spoolDir = blocker.resolve("spool");
        UsageWriter writer = writer(new UsageBuffer(100), UsageConfig.STRICT, UsageConfig.DEFAULT_SPOOL_MAX_BYTES);

        writer.accept(UsageEvents.event(HOUR, "gpt-4o"));

        assertThat(writer.stats().failedSpoolWrites()).isEqualTo(1);
        assertThat(writer.stats().bufferDepth()).isEqualTo(1);
        assertThat(writer.storeNext()).isTrue();
        assertThat(requests()).isEqualTo(1);
    }

    private List<String> spooledIds() {
        return UsageSpoolTest.spoolFiles(spoolDir).stream().flatMap(UsageSpoolTest::events).map(UsageEvent::id)
                .toList();
    }

    private UsageWriter writer(UsageBuffer buffer, String durability, long spoolMaxBytes) {
        UsageWriter writer = new UsageWriter(database, buffer, keys, new UsageConfig(buffer.capacity(),
                NEVER_MILLIS, 1000, durability, spoolDir.toString(), spoolMaxBytes, 0));
        opened.add(writer);
        return writer;
    }

    /** A real write failure: every usage transaction fails until the table is back. */
    private void breakDatabase() {
        execute("ALTER TABLE usage_hourly RENAME TO usage_hourly_away");
    }

    private void repairDatabase() {
        execute("ALTER TABLE usage_hourly_away RENAME TO usage_hourly");
    }

    private long requests() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COALESCE(SUM(requests), 0) FROM usage_hourly")
                .mapTo(Long.class).one());
    }

    private long tokens() {
        return database.jdbi().withHandle(h -> h.createQuery(
                "SELECT COALESCE(SUM(input_tokens + output_tokens), 0) FROM usage_hourly").mapTo(Long.class).one());
    }

    private List<String> ids() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM usage_events").mapTo(String.class).list());
    }

    private long count(String table) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table)
                .mapTo(Long.class).one());
    }

    private void execute(String sql) {
        database.jdbi().useHandle(h -> h.execute(sql));
    }
}

package dev.aqueduct.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aqueduct.config.UsageConfig;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.store.Database;
import dev.aqueduct.store.DatabaseKind;
import dev.aqueduct.store.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(DatabaseKind.class)
class UsageWriterTest {
    private static final Instant HOUR = Instant.parse("2026-05-01T10:00:00Z");
    private static final long NEVER_MILLIS = Duration.ofHours(1).toMillis();

    @Parameter
    DatabaseKind kind;

    @TempDir
    Path directory;

    private Database database;
    private KeyService keys;
    private UsageBuffer buffer;
    private final List<UsageWriter> opened = new ArrayList<>();

    @BeforeEach
    void setUp() {
        database = TestDatabase.open(kind, directory);
        keys = new KeyService(database.jdbi(), Clock.systemUTC());
        buffer = new UsageBuffer(100);
    }

    @AfterEach
    void tearDown() {
        opened.forEach(UsageWriter::close);
        database.close();
    }

    @Test
    void storesABatchWithItsRollup() {
        UsageWriter writer = writer(NEVER_MILLIS, 100);
        buffer.offer(UsageEvents.event(HOUR.plusSeconds(1), "key_1", "org_1", "usr_1", "gpt-4o", 200, 10, 5));
        buffer.offer(UsageEvents.event(HOUR.plusSeconds(2), "key_1", "org_1", "usr_1", "gpt-4o", 500, 20, 0));
        buffer.offer(UsageEvents.event(HOUR.plusSeconds(3), "key_1", "org_1", "usr_1", "mini", 400, 1, 1));

        assertThat(writer.storeNext()).isTrue();
        writer.close();

        assertThat(writer.stats().storedEvents()).isEqualTo(3);
        assertThat(count("usage_events")).isEqualTo(3);
        assertThat(rollups()).containsExactly(
                new Rollup(HOUR, "", "usr_1", "key_1", "gpt-4o", 2, 1, 30, 5, 15, 200),
                new Rollup(HOUR, "", "usr_1", "key_1", "mini", 1, 1, 1, 1, 0, 100));
    }

    @Test
    void sumsRollupsAcrossBatchesInTheSameHour() {
        UsageWriter writer = writer(NEVER_MILLIS, 100);
        buffer.offer(UsageEvents.event(HOUR.plusSeconds(10), "gpt-4o"));
        writer.storeNext();
        buffer.offer(UsageEvents.event(HOUR.plus(Duration.ofMinutes(59)), "gpt-4o"));
        buffer.offer(UsageEvents.event(HOUR.plus(Duration.ofMinutes(60)), "gpt-4o"));
        writer.storeNext();

        assertThat(rollups()).containsExactly(
                new Rollup(HOUR, "", "usr_1", "key_1", "gpt-4o", 2, 0, 20, 10, 10, 200),
                new Rollup(HOUR.plus(Duration.ofHours(1)), "", "usr_1", "key_1", "gpt-4o", 1, 0, 10, 5, 5, 100));
    }

    @Test
    void countsAnEventStoredTwiceOnlyOnce() {
        UsageWriter writer = writer(NEVER_MILLIS, 100);
        UsageEvent event = UsageEvents.event(HOUR, "gpt-4o");
        buffer.offer(event);
        writer.storeNext();

        buffer.offer(event);
        buffer.offer(UsageEvents.event(HOUR, "gpt-4o"));
        writer.storeNext();

        assertThat(count("usage_events")).isEqualTo(2);
        assertThat(rollups()).extracting(Rollup::requests).containsExactly(2L);
        assertThat(writer.stats().storedEvents()).isEqualTo(2);
    }

    @Test
    void storesAnEventGivenTwiceInOneBatchOnce() {
        UsageWriter writer = writer(NEVER_MILLIS, 100);
        UsageEvent event = UsageEvents.event(HOUR, "gpt-4o");
        buffer.offer(event);
        buffer.offer(event);

        assertThat(writer.storeNext()).isTrue();

        assertThat(writer.stats().storedEvents()).isEqualTo(1);
        assertThat(rollups()).extracting(Rollup::requests).containsExactly(1L);
    }

    @Test
    void storesABatchLargerThanOneInsertStatement() {
        int events = EventInserts.ROWS_PER_STATEMENT * 2 + 7;
        buffer = new UsageBuffer(events);
        UsageWriter writer = new UsageWriter(database, buffer, keys, new UsageConfig(events, NEVER_MILLIS, events));
        UsageEvent repeated = UsageEvents.event(HOUR, "gpt-4o");
        buffer.offer(repeated);
        writer.storeNext();
        buffer.offer(repeated);
        for (int i = 1; i < events; i++) {
            buffer.offer(UsageEvents.event(HOUR.plusMillis(i), "gpt-4o"));
        }

        assertThat(writer.storeNext()).isTrue();

        assertThat(count("usage_events")).isEqualTo(events);
        assertThat(writer.stats().storedEvents()).isEqualTo(events);
        assertThat(rollups()).extracting(Rollup::requests).containsExactly((long) events);
    }

    @Test
    void spoolsABatchTheDatabaseRefusedAndReplaysItLater() {
        UsageWriter writer = writer(NEVER_MILLIS, 100);
        buffer.offer(UsageEvents.event(HOUR, "gpt-4o"));
        buffer.offer(UsageEvents.event(HOUR, "gpt-4o"));
        execute("ALTER TABLE usage_hourly RENAME TO usage_hourly_away");

        assertThat(writer.storeNext()).isFalse();

        UsageStats down = writer.stats();
        assertThat(down.storedEvents()).isZero();
        assertThat(down.bufferDepth()).isZero();
        assertThat(down.spooledEvents()).isEqualTo(2);
        assertThat(down.spoolBytes()).isPositive();
        assertThat(down.failedWrites()).isEqualTo(1);
        assertThat(down.databaseAvailable()).isFalse();
        assertThat(spoolFiles()).hasSize(1);

        execute("ALTER TABLE usage_hourly_away RENAME TO usage_hourly");
        assertThat(count("usage_events")).isZero();
        assertThat(writer.storeNext()).isTrue();

        UsageStats up = writer.stats();
        assertThat(up.storedEvents()).isEqualTo(2);
        assertThat(up.replayedEvents()).isEqualTo(2);
        assertThat(up.spoolBytes()).isZero();
        assertThat(up.databaseAvailable()).isTrue();
        assertThat(spoolFiles()).isEmpty();
        assertThat(count("usage_events")).isEqualTo(2);
        assertThat(rollups()).extracting(Rollup::requests).containsExactly(2L);
        writer.close();
    }

    @Test
    void recordsTheLastUseOfEachKey() {
        execute("INSERT INTO organizations (id, name, created_at) VALUES ('org_1', 'acme', 0)");
        execute("INSERT INTO users (id, email, is_admin, disabled, created_at)"
                + " VALUES ('usr_1', 'a@example.com', FALSE, FALSE, 0)");
        execute("INSERT INTO api_keys (id, key_hash, prefix, name, scope, org_id, user_id, created_at)"
                + " VALUES ('key_1', 'hash', 'aqk-12345678', 'k', 'inference', 'org_1', 'usr_1', 0)");
        UsageWriter writer = writer(NEVER_MILLIS, 100);
        buffer.offer(UsageEvents.event(HOUR.plusSeconds(30), "gpt-4o"));
        buffer.offer(UsageEvents.event(HOUR.plusSeconds(10), "gpt-4o"));

        writer.storeNext();

        assertThat(keys.list("usr_1")).singleElement()
                .satisfies(key -> assertThat(key.lastUsedAt()).isEqualTo(HOUR.plusSeconds(30)));
    }

    @Test
    void storesAFullBatchWithoutWaitingForTheInterval() {
        try (UsageWriter writer = writer(NEVER_MILLIS, 3)) {
            writer.start();
            for (int i = 0; i < 3; i++) {
                buffer.offer(UsageEvents.event(HOUR, "gpt-4o"));
            }

            Await.until("a full batch is stored", () -> writer.stats().storedEvents() == 3);
        }
    }

    @Test
    void storesEventsOnceTheFlushIntervalPasses() {
        try (UsageWriter writer = writer(20, 1000)) {
            writer.start();
            buffer.offer(UsageEvents.event(HOUR, "gpt-4o"));

            Await.until("the event is stored", () -> writer.stats().storedEvents() == 1);
            assertThat(writer.stats().bufferDepth()).isZero();
        }
    }

    @Test
    void closeStoresEverythingStillBuffered() {
        UsageWriter writer = writer(NEVER_MILLIS, 7);
        writer.start();
        for (int i = 0; i < 50; i++) {
            buffer.offer(UsageEvents.event(HOUR, "gpt-4o"));
        }

        writer.close();

        assertThat(count("usage_events")).isEqualTo(50);
        assertThat(writer.stats().storedEvents()).isEqualTo(50);
        assertThat(writer.stats().bufferDepth()).isZero();
        assertThat(rollups()).extracting(Rollup::requests).containsExactly(50L);
    }

    @Test
    void runsOnAThreadNamedUsageWriter() {
        try (UsageWriter writer = writer(NEVER_MILLIS, 100)) {
            writer.start();
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).contains("usage-writer");
        }
    }

    private UsageWriter writer(long flushIntervalMillis, int batchSize) {
        UsageWriter writer = new UsageWriter(database, buffer, keys, new UsageConfig(100, flushIntervalMillis,
                batchSize, UsageConfig.BATCHED, directory.resolve("spool").toString(),
                UsageConfig.DEFAULT_SPOOL_MAX_BYTES, UsageConfig.DEFAULT_RETENTION_DAYS));
        opened.add(writer);
        return writer;
    }

    private List<Path> spoolFiles() {
        return UsageSpoolTest.spoolFiles(directory.resolve("spool"));
    }

    private List<Rollup> rollups() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM usage_hourly ORDER BY hour_start, model")
                .map((rs, ctx) -> new Rollup(Instant.ofEpochMilli(rs.getLong("hour_start")), rs.getString("team_id"),
                        rs.getString("user_id"), rs.getString("key_id"), rs.getString("model"),
                        rs.getLong("requests"), rs.getLong("errors"), rs.getLong("input_tokens"),
                        rs.getLong("output_tokens"), rs.getLong("cached_tokens"), rs.getLong("latency_ms")))
                .list());
    }

    private long count(String table) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table)
                .mapTo(Long.class).one());
    }

    private void execute(String sql) {
        database.jdbi().useHandle(h -> h.execute(sql));
    }

    private record Rollup(Instant hourStart, String teamId, String userId, String keyId, String model, long requests,
            long errors, long inputTokens, long outputTokens, long cachedTokens, long latencyMillis) {
    }
}

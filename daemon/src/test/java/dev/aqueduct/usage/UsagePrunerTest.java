package dev.aqueduct.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.aqueduct.config.UsageConfig;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.store.Database;
import dev.aqueduct.store.DatabaseKind;
import dev.aqueduct.store.MutableClock;
import dev.aqueduct.store.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

@ParameterizedClass
@EnumSource(DatabaseKind.class)
class UsagePrunerTest {
    private static final Instant NOW = Instant.parse("2026-05-01T10:30:00Z");
    private static final Instant CUTOFF = NOW.minus(Duration.ofDays(30));

    @Parameter
    DatabaseKind kind;

    @TempDir
    Path directory;

    private final Logger logger = (Logger) LoggerFactory.getLogger(UsagePruner.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Database database;
    private UsageBuffer buffer;
    private UsageWriter writer;

    @BeforeEach
    void setUp() {
        database = TestDatabase.open(kind, directory);
        buffer = new UsageBuffer(100);
        writer = new UsageWriter(database, buffer, new KeyService(database.jdbi(), new MutableClock(NOW)),
                new UsageConfig(100, 1000, 100, UsageConfig.BATCHED, directory.resolve("spool").toString(),
                        UsageConfig.DEFAULT_SPOOL_MAX_BYTES, UsageConfig.DEFAULT_RETENTION_DAYS));
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(log);
        writer.close();
        database.close();
    }

    @Test
    void deletesEventsOlderThanTheRetentionInBatchesAndLogsTheCount() {
        for (int i = 1; i <= 7; i++) {
            store(UsageEvents.event(CUTOFF.minus(Duration.ofHours(i)), "gpt-4o"));
        }
        UsageEvent atCutoff = UsageEvents.event(CUTOFF, "gpt-4o");
        UsageEvent recent = UsageEvents.event(NOW.minus(Duration.ofHours(1)), "gpt-4o");
        store(atCutoff, recent);

        long deleted = pruner(3).pruneOnce();

        assertThat(deleted).isEqualTo(7);
        assertThat(eventIds()).containsExactlyInAnyOrder(atCutoff.id(), recent.id());
        assertThat(log.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                .isEqualTo("Usage events pruned deleted=7 before=" + CUTOFF + " retention_days=30 batches=3");
    }

    @Test
    void keepsTheHourlyRollupsOfPrunedEvents() {
        store(UsageEvents.event(CUTOFF.minus(Duration.ofDays(3)), "gpt-4o"),
                UsageEvents.event(CUTOFF.minus(Duration.ofDays(2)), "mini"),
                UsageEvents.event(NOW, "gpt-4o"));

        pruner(100).pruneOnce();

        assertThat(eventIds()).hasSize(1);
        long requests = database.jdbi().withHandle(h -> h.createQuery("SELECT SUM(requests) FROM usage_hourly")
                .mapTo(Long.class).one());
        assertThat(requests).isEqualTo(3);
    }

    @Test
    void deletesNothingWhenEverythingIsRecent() {
        store(UsageEvents.event(NOW, "gpt-4o"));

        assertThat(pruner(100).pruneOnce()).isZero();
        assertThat(eventIds()).hasSize(1);
    }

    @Test
    void refusesARetentionOfLessThanADay() {
        assertThatThrownBy(() -> new UsagePruner(database.jdbi(), 0, new MutableClock(NOW)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private UsagePruner pruner(int batchRows) {
        return new UsagePruner(database.jdbi(), 30, new MutableClock(NOW), batchRows);
    }

    private void store(UsageEvent... events) {
        for (UsageEvent event : events) {
            buffer.offer(event);
        }
        assertThat(writer.storeNext()).isTrue();
    }

    private List<String> eventIds() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM usage_events").mapTo(String.class).list());
    }
}

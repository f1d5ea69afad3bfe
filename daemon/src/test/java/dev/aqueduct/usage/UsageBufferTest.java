package dev.aqueduct.usage;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class UsageBufferTest {
    private static final Instant TIME = Instant.parse("2026-05-01T10:00:00Z");

    private final Logger logger = (Logger) LoggerFactory.getLogger(UsageBuffer.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final AtomicLong nanos = new AtomicLong();

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
    }

    @Test
    void acceptsEventsUntilFull() {
        UsageBuffer buffer = new UsageBuffer(2, nanos::get);

        assertThat(buffer.offer(UsageEvents.event(TIME, "m"))).isTrue();
        assertThat(buffer.offer(UsageEvents.event(TIME, "m"))).isTrue();

        assertThat(buffer.depth()).isEqualTo(2);
        assertThat(buffer.dropped()).isZero();
    }

    @Test
    void refusesAndCountsEventsWhenFull() {
        UsageBuffer buffer = new UsageBuffer(1, nanos::get);
        buffer.offer(UsageEvents.event(TIME, "m"));

        assertThat(buffer.offer(UsageEvents.event(TIME, "m"))).isFalse();
        assertThat(buffer.offer(UsageEvents.event(TIME, "m"))).isFalse();

        assertThat(buffer.dropped()).isEqualTo(2);
        assertThat(buffer.depth()).isEqualTo(1);
    }

    @Test
    void logsDropsAtMostOncePerIntervalWithTheCount() {
        UsageBuffer buffer = new UsageBuffer(1, nanos::get);
        buffer.offer(UsageEvents.event(TIME, "m"));

        for (int i = 0; i < 5; i++) {
            buffer.offer(UsageEvents.event(TIME, "m"));
        }
        nanos.addAndGet(Duration.ofSeconds(UsageBuffer.DROP_LOG_INTERVAL_SECONDS).toNanos());
        buffer.offer(UsageEvents.event(TIME, "m"));
        buffer.offer(UsageEvents.event(TIME, "m"));

        assertThat(log.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.ERROR, Level.ERROR);
        assertThat(log.list.get(0).getFormattedMessage())
                .isEqualTo("Usage buffer full, events dropped dropped=1 droppedTotal=1 capacity=1");
        assertThat(log.list.get(1).getFormattedMessage())
                .isEqualTo("Usage buffer full, events dropped dropped=5 droppedTotal=6 capacity=1");
    }

    @Test
    void handsEventsToTheWriterInOrder() {
        UsageBuffer buffer = new UsageBuffer(10, nanos::get);
        UsageEvent first = UsageEvents.event(TIME, "a");
        UsageEvent second = UsageEvents.event(TIME, "b");
        buffer.offer(first);
        buffer.offer(second);

        List<UsageEvent> drained = new ArrayList<>();
        buffer.drainTo(drained, 10);

        assertThat(drained).containsExactly(first, second);
        assertThat(buffer.depth()).isZero();
    }
}

package dev.aqueduct.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The reason {@code /ready} gives, which anyone may read: fixed words, never the driver's
 * message (which can name the database's host, port and user); the message goes to the log.
 */
class DatabaseReadinessTest {
    @TempDir
    Path directory;

    private final Logger logger = (Logger) LoggerFactory.getLogger(Database.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void capture() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
    }

    @Test
    void answersAFixedReasonAndLogsTheDetailOnce() {
        Database database = TestDatabase.open(directory);
        database.close();

        assertThat(database.unreadyReason()).contains("database not answering");
        assertThat(database.unreadyReason()).contains("database not answering");

        assertThat(log.list).filteredOn(event -> event.getLevel() == Level.WARN).singleElement()
                .satisfies(event -> assertThat(event.getFormattedMessage())
                        .startsWith("Database not ready reason=\"database not answering\" detail=\"")
                        .contains("aqueduct-db"));
    }
}

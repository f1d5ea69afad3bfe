package dev.aqueduct.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class UsageSpoolTest {
    private static final Instant TIME = Instant.parse("2026-05-01T10:00:00.123456789Z");
    private static final long MAX = 1024 * 1024;

    @TempDir
    Path directory;

    private final Logger logger = (Logger) LoggerFactory.getLogger(SpoolReader.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

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
    void readsBackEveryFieldOfTheEventsInOrder() throws IOException {
        UsageEvent full = UsageEvents.event(TIME, "gpt-4o");
        UsageEvent sparse = new UsageEvent("req_2", TIME, "key_1", "org_1", "team_1", null, "sa_1", "m \"q\" é",
                "", "/v1/embeddings", 499, 0, 0, 0, true, 7, null, 3);
        try (UsageSpool spool = UsageSpool.open(directory, MAX)) {
            spool.append(List.of(full, sparse), true);

            List<Path> files = spool.sealAll();

            assertThat(files).hasSize(1);
            assertThat(SpoolReader.read(files.get(0))).containsExactly(full, sparse);
        }
    }

    @Test
    void skipsACorruptLineAndATornTailNamingFileAndOffset() throws IOException {
        List<UsageEvent> events = List.of(UsageEvents.event(TIME, "a"), UsageEvents.event(TIME, "b"),
                UsageEvents.event(TIME, "c"));
        Path file;
        try (UsageSpool spool = UsageSpool.open(directory, MAX)) {
            spool.append(events, true);
            file = spool.sealAll().get(0);
        }
        byte[] bytes = Files.readAllBytes(file);
        int secondLine = indexOf(bytes, '\n', 0) + 1;
        int modelOfSecond = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("\"model\":\"b\"", secondLine);
        bytes[modelOfSecond + 9] = 'x';
        Files.write(file, bytes);
        Files.writeString(file, "0123abcd {\"v\":1,\"id\":\"req_cut", StandardOpenOption.APPEND);

        List<UsageEvent> read = SpoolReader.read(file);

        assertThat(read).containsExactly(events.get(0), events.get(2));
        assertThat(log.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.WARN);
        assertThat(log.list.get(0).getFormattedMessage()).isEqualTo("Usage spool line corrupt, skipped file="
                + file + " offset=" + secondLine + " reason=checksum mismatch");
        assertThat(log.list.get(1).getFormattedMessage()).isEqualTo("Usage spool line corrupt, skipped file="
                + file + " offset=" + bytes.length + " reason=line cut short");
    }

    @Test
    void refusesEventsPastItsByteLimitAndKeepsWhatItHas() throws IOException {
        try (UsageSpool spool = UsageSpool.open(directory, 4096)) {
            spool.append(List.of(UsageEvents.event(TIME, "a")), false);
            long used = spool.bytes();

            List<UsageEvent> many = Stream.generate(() -> UsageEvents.event(TIME, "a")).limit(20).toList();
            assertThatThrownBy(() -> spool.append(many, false))
                    .isInstanceOf(UsageSpool.SpoolFullException.class)
                    .hasMessageContaining("of 4096 bytes used");

            assertThat(spool.bytes()).isEqualTo(used);
            assertThat(spool.appended()).isEqualTo(1);
            assertThat(SpoolReader.read(spool.sealAll().get(0))).hasSize(1);
        }
    }

    @Test
    void takesOverFilesAnEarlierRunLeftAndDeletesThemOnlyWhenAsked() throws IOException {
        try (UsageSpool first = UsageSpool.open(directory, MAX)) {
            first.append(List.of(UsageEvents.event(TIME, "a")), true);
            first.sealAll();
            first.append(List.of(UsageEvents.event(TIME, "b")), true);
        }

        try (UsageSpool second = UsageSpool.open(directory, MAX)) {
            assertThat(second.isEmpty()).isFalse();
            second.append(List.of(UsageEvents.event(TIME, "c")), true);
            List<Path> files = second.sealAll();

            assertThat(files).hasSize(3);
            assertThat(files.stream().flatMap(UsageSpoolTest::events).map(UsageEvent::model))
                    .containsExactly("a", "b", "c");
            for (Path file : files) {
                second.delete(file);
            }
            assertThat(second.isEmpty()).isTrue();
            assertThat(second.bytes()).isZero();
            assertThat(spoolFiles(directory)).isEmpty();
        }
    }

    @Test
    void keepsASecondDaemonOutOfTheDirectory() {
        try (UsageSpool first = UsageSpool.open(directory, MAX)) {
            assertThatThrownBy(() -> UsageSpool.open(directory, MAX))
                    .isInstanceOf(UsageException.class)
                    .hasMessage("Another daemon spools usage in " + directory.toAbsolutePath()
                            + "; give each daemon its own usage.spool-dir");
        }
    }

    @Test
    void failsAppendsIntoADirectoryThatCannotBeMadeAndWorksOnceItCan() throws IOException {
        Path blocker = directory.resolve("blocker");
        Files.writeString(blocker, "a file where the spool directory should be");
        try (UsageSpool spool = UsageSpool.open(blocker.resolve("spool"), MAX)) {
            assertThatThrownBy(() -> spool.append(List.of(UsageEvents.event(TIME, "a")), true))
                    .isInstanceOf(IOException.class);
            assertThat(spool.isEmpty()).isTrue();

            Files.delete(blocker);
            spool.append(List.of(UsageEvents.event(TIME, "a")), true);

            assertThat(spool.sealAll()).hasSize(1);
        }
    }

    static List<Path> spoolFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith("usage-spool-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<UsageEvent> events(Path file) {
        try {
            return SpoolReader.read(file).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] bytes, char value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}

package dev.aqueduct.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aqueduct.cli.AqueductCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulatorCommandTest {
    private static final Pattern LISTENING =
            Pattern.compile("Simulator listening url=(http://127\\.0\\.0\\.1:\\d+/v1)");

    @Test
    void listsItsOptionsInHelp() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = AqueductCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));

        int exitCode = commandLine.execute("simulate", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("--host", "--port", "--chunks", "--chunk-delay-ms", "--api-key",
                "--embedding-dimensions");
    }

    @Test
    void printsListeningUrlAndServesUntilInterrupted() throws Exception {
        LineSignal out = new LineSignal();
        CommandLine commandLine = AqueductCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread command = Thread.ofPlatform().start(() -> exitCode.set(
                commandLine.execute("simulate", "--port", "0", "--chunks", "2", "--api-key", "sk-cli")));

        assertThat(out.firstLine.await(10, TimeUnit.SECONDS)).isTrue();
        Matcher url = LISTENING.matcher(out.toString());
        assertThat(url.find()).as(out.toString()).isTrue();
        Request request = new Request.Builder().url(url.group(1) + "/models")
                .header("Authorization", "Bearer sk-cli").build();
        try (Response response = TestClients.HTTP.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }

        command.interrupt();
        command.join(Duration.ofSeconds(10).toMillis());
        assertThat(exitCode).hasValue(0);
    }

    /** Collects what the command prints and signals its first full line. */
    private static final class LineSignal extends Writer {
        private final StringBuffer text = new StringBuffer();
        private final CountDownLatch firstLine = new CountDownLatch(1);

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
            if (text.indexOf("\n") >= 0) {
                firstLine.countDown();
            }
        }

        @Override
        public void flush() {
            // Nothing is buffered.
        }

        @Override
        public void close() throws IOException {
            flush();
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}

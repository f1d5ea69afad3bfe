package dev.aqueduct.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own checker, {@code promtool check metrics}, run on exposition text. A missing
 * promtool fails the test that needs it, with the command that installs it: a format check
 * silently skipped would pass broken output.
 */
public final class Promtool {
    private Promtool() {
    }

    /** What promtool said and how it exited: 0 when the text is valid and passes its lint rules. */
    public record Result(int exitCode, String output) {
    }

    public static Result checkMetrics(String text) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is not installed, so the metrics format cannot be checked;"
                    + " install it with: apt-get install -y --no-install-recommends prometheus", e);
        }
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool did not finish within 60 seconds");
        }
        return new Result(process.exitValue(), output);
    }

    /** The value of the sample {@code series} (name and labels exactly as written), failing when absent. */
    public static double value(String text, String series) {
        return text.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .orElseThrow(() -> new AssertionError("No sample " + series + " in:\n" + text));
    }
}

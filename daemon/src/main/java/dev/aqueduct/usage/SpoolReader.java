package dev.aqueduct.usage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the events of one spool file in the order they were written. A line that fails its
 * checksum, or the last line when a crash cut it short, is skipped with a WARN line naming the
 * file and the line's byte offset; the lines after it are read as usual.
 */
final class SpoolReader {
    /** Corrupt lines logged one by one per file; the rest are counted in one line. */
    static final int LOGGED_LINES_PER_FILE = 10;

    private static final Logger LOG = LoggerFactory.getLogger(SpoolReader.class);

    private SpoolReader() {
    }

    /** The intact events of {@code file}. */
    static List<UsageEvent> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<UsageEvent> events = new ArrayList<>();
        int corrupt = 0;
        int start = 0;
        while (start < bytes.length) {
            int end = indexOf(bytes, (byte) '\n', start);
            String problem = null;
            if (end < 0) {
                end = bytes.length;
                problem = "line cut short";
            } else {
                try {
                    events.add(SpoolLines.read(bytes, start, end));
                } catch (SpoolLines.CorruptLineException e) {
                    problem = e.getMessage();
                }
            }
            if (problem != null && ++corrupt <= LOGGED_LINES_PER_FILE) {
                LOG.warn("Usage spool line corrupt, skipped file={} offset={} reason={}", file, start, problem);
            }
            start = end + 1;
        }
        if (corrupt > LOGGED_LINES_PER_FILE) {
            LOG.warn("Usage spool lines corrupt, skipped file={} lines={}", file, corrupt);
        }
        return events;
    }

    private static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}

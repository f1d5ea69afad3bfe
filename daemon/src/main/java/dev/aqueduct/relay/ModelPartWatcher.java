package dev.aqueduct.relay;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Watches the rest of a multipart upload, as it streams upstream, for a second {@code model}
 * part. The gateway routes and bills on the first; a provider may read the last, so a second
 * one must stop the upload. Memory stays bounded: only a delimiter's worth of bytes, or one
 * part's headers, is ever kept.
 */
final class ModelPartWatcher {
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final byte[] delimiter;
    private byte[] window = new byte[8192];
    private int length;

    ModelPartWatcher(String boundary) {
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    }

    /** Takes the next bytes; true once a part named {@code model} (in any case) has begun. */
    boolean feed(byte[] bytes, int offset, int count) {
        if (length + count > window.length) {
            window = Arrays.copyOf(window, Math.max(window.length * 2, length + count));
        }
        System.arraycopy(bytes, offset, window, length, count);
        length += count;
        return scan();
    }

    private boolean scan() {
        int from = 0;
        while (true) {
            int at = Bytes.indexOf(window, length, delimiter, from);
            if (at == -1) {
                keepFrom(Math.max(from, length - delimiter.length + 1));
                return false;
            }
            int headersStart = at + delimiter.length + 2;
            int headersEnd = Bytes.indexOf(window, length, HEADER_END, headersStart);
            if (headersEnd == -1) {
                // Headers not complete yet; give up on a part whose headers never end.
                keepFrom(length - at > MAX_HEADER_BYTES ? at + 1 : at);
                return false;
            }
            String headers = new String(window, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            if (namesModel(headers)) {
                return true;
            }
            from = headersEnd + HEADER_END.length;
        }
    }

    /** Whether part headers give the part the name {@code model}, compared without case. */
    static boolean namesModel(String headers) {
        for (String line : headers.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-disposition:") && lower.matches(".*;\\s*name=\"?model\"?(;.*|\\s*)$")) {
                return true;
            }
        }
        return false;
    }

    private void keepFrom(int start) {
        int kept = Math.max(0, length - start);
        System.arraycopy(window, length - kept, window, 0, kept);
        length = kept;
    }
}

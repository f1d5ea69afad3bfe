package dev.aqueduct.relay;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Finds the {@code model} field of a {@code multipart/form-data} body as its bytes arrive, so
 * the upload can be routed without reading it whole. Bytes are kept only until the field is
 * found: when the model field comes first, as most SDKs send it, that is a few hundred bytes.
 */
final class MultipartModelFinder {
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final byte[] delimiter;
    private byte[] bytes = new byte[8192];
    private int length;
    private int searchFrom;
    private @Nullable Found found;

    /** Where the model value sits in {@link #bytes()}, and what it says. */
    record Found(String model, int valueStart, int valueEnd) {
    }

    MultipartModelFinder(String boundary) {
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    }

    /** Adds the next bytes of the body; returns the model field once it is complete. */
    @Nullable Found append(byte[] chunk, int count) {
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
        }
        System.arraycopy(chunk, 0, bytes, length, count);
        length += count;
        while (found == null && scanNextPart()) {
            continue;
        }
        return found;
    }

    /** Looks at the part whose delimiter comes next; false when more bytes are needed. */
    private boolean scanNextPart() {
        int delimiterAt = searchFrom == 0 && startsWithFirstDelimiter()
                ? -2
                : Bytes.indexOf(bytes, length, delimiter, searchFrom);
        if (delimiterAt == -1) {
            searchFrom = Math.max(searchFrom, length - delimiter.length);
            return false;
        }
        int headersStart = delimiterAt + delimiter.length + 2;
        int headersEnd = Bytes.indexOf(bytes, length, HEADER_END, headersStart);
        if (headersEnd == -1) {
            return false;
        }
        String headers = new String(bytes, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
        int valueStart = headersEnd + HEADER_END.length;
        if (!ModelPartWatcher.namesModel(headers)) {
            searchFrom = valueStart;
            return true;
        }
        int valueEnd = Bytes.indexOf(bytes, length, delimiter, valueStart);
        if (valueEnd == -1) {
            return false;
        }
        found = new Found(new String(bytes, valueStart, valueEnd - valueStart, StandardCharsets.UTF_8).strip(),
                valueStart, valueEnd);
        return false;
    }

    /** The body opens with the delimiter minus its leading CRLF. */
    private boolean startsWithFirstDelimiter() {
        int n = delimiter.length - 2;
        return length >= n && Arrays.equals(bytes, 0, n, delimiter, 2, delimiter.length);
    }

    /** The bytes received so far. */
    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }
}

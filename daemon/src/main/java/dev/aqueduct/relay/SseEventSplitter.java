package dev.aqueduct.relay;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a server-sent event stream into whole events as bytes arrive in arbitrary pieces. An
 * event ends with a blank line ({@code \n\n} or {@code \r\n\r\n}); an event split across reads,
 * or a multi-byte character split across reads, is held until it is whole.
 */
final class SseEventSplitter {
    private byte[] pending = new byte[1024];
    private int length;
    private int scanFrom;

    /** Adds bytes and hands every event they complete, with its blank line, to {@code onEvent}. */
    void feed(byte[] bytes, int offset, int count, Consumer<byte[]> onEvent) {
        ensureRoom(count);
        System.arraycopy(bytes, offset, pending, length, count);
        length += count;
        int start = 0;
        for (int i = Math.max(scanFrom, 1); i < length; i++) {
            if (pending[i] == '\n' && endsBlankLine(i, start)) {
                onEvent.accept(Arrays.copyOfRange(pending, start, i + 1));
                start = i + 1;
            }
        }
        System.arraycopy(pending, start, pending, 0, length - start);
        length -= start;
        scanFrom = length;
    }

    /** Whether the newline at {@code i} closes an empty line inside the event starting at {@code start}. */
    private boolean endsBlankLine(int i, int start) {
        int previous = i - 1;
        if (previous >= start && pending[previous] == '\r') {
            previous--;
        }
        return previous >= start && pending[previous] == '\n';
    }

    /** Bytes received after the last complete event: a stream that ends here was cut short. */
    boolean hasPartialEvent() {
        for (int i = 0; i < length; i++) {
            if (!Character.isWhitespace(pending[i])) {
                return true;
            }
        }
        return false;
    }

    private void ensureRoom(int count) {
        if (length + count > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + count));
        }
    }
}

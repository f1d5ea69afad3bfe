package dev.aqueduct.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one server-sent event of a model stream says, as far as the gateway cares: whether it
 * ends the stream, whether it is the usage-only chunk, and where its {@code "usage":null} sits.
 * The event's usage numbers go into the caller's {@link UsageFieldCollector}.
 */
final class StreamEvent {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> FINAL_TYPES =
            Set.of("response.completed", "response.incomplete", "response.failed", "error");

    final byte[] raw;
    private int dataStart = -1;
    private int dataEnd = -1;
    boolean done;
    boolean finalEvent;
    boolean usageOnly;
    boolean carriesContent;
    private int usageNullStart = -1;
    private int usageNullEnd = -1;

    private StreamEvent(byte[] raw) {
        this.raw = raw;
    }

    /** Reads the event; a data payload that is not JSON is simply passed over. */
    static StreamEvent read(byte[] raw, UsageFieldCollector usage) {
        StreamEvent event = new StreamEvent(raw);
        event.locateData();
        if (event.dataStart >= 0) {
            event.analyze(usage);
        }
        return event;
    }

    private void locateData() {
        int lineStart = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '\n') {
                continue;
            }
            int lineEnd = i > lineStart && raw[i - 1] == '\r' ? i - 1 : i;
            if (startsWithData(lineStart, lineEnd)) {
                if (dataStart >= 0) {
                    dataStart = -1;
                    return;
                }
                dataStart = lineStart + DATA.length;
                if (dataStart < lineEnd && raw[dataStart] == ' ') {
                    dataStart++;
                }
                dataEnd = lineEnd;
            }
            lineStart = i + 1;
        }
    }

    private boolean startsWithData(int lineStart, int lineEnd) {
        return lineEnd - lineStart >= DATA.length
                && Arrays.equals(raw, lineStart, lineStart + DATA.length, DATA, 0, DATA.length);
    }

    private void analyze(UsageFieldCollector usage) {
        if (dataEnd - dataStart == DONE.length && Arrays.equals(raw, dataStart, dataEnd, DONE, 0, DONE.length)) {
            done = true;
            return;
        }
        try (JsonParser parser = FACTORY.createParser(Arrays.copyOfRange(raw, dataStart, dataEnd))) {
            walk(parser, usage);
        } catch (IOException e) {
            // Not JSON: nothing to learn from it, and it passes through as it came.
            usageNullStart = -1;
        }
    }

    /**
     * Reads the top-level fields that matter and skips the rest: a chunk's content is stepped
     * over, never decoded. The collector sees the top level and the whole of {@code usage} and
     * {@code response}, which is all it reads numbers from.
     */
    private void walk(JsonParser parser, UsageFieldCollector usage) throws IOException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.START_OBJECT) {
            carriesContent = true;
            return;
        }
        usage.accept(parser, token);
        boolean emptyChoices = false;
        boolean usageNumbers = false;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            int nameStart = (int) parser.currentTokenLocation().getByteOffset();
            usage.accept(parser, token);
            JsonToken value = parser.nextToken();
            switch (name) {
                case "usage" -> {
                    usageNumbers = value == JsonToken.START_OBJECT;
                    if (value == JsonToken.VALUE_NULL) {
                        usageNullStart = nameStart;
                        usageNullEnd = (int) parser.currentLocation().getByteOffset();
                    }
                    usage.acceptValue(parser, value);
                }
                case "response" -> usage.acceptValue(parser, value);
                case "choices" -> emptyChoices = value == JsonToken.START_ARRAY && skipArray(parser);
                case "type" -> {
                    finalEvent |= value == JsonToken.VALUE_STRING && FINAL_TYPES.contains(parser.getText());
                }
                case "error" -> {
                    finalEvent = true;
                    parser.skipChildren();
                }
                default -> parser.skipChildren();
            }
        }
        if (token == JsonToken.END_OBJECT) {
            // The collector follows every event of a stream: it must leave each at the depth it entered.
            usage.accept(parser, token);
        }
        usageOnly = emptyChoices && usageNumbers;
        carriesContent = !usageOnly;
    }

    /** Steps over the array just opened; true when it was empty. */
    private static boolean skipArray(JsonParser parser) throws IOException {
        JsonToken element = parser.nextToken();
        if (element == JsonToken.END_ARRAY) {
            return true;
        }
        while (element != null && element != JsonToken.END_ARRAY) {
            parser.skipChildren();
            element = parser.nextToken();
        }
        return false;
    }

    /** The event with its {@code "usage":null} field removed, or the event itself when it has none. */
    byte[] withoutNullUsage() {
        if (usageNullStart < 0) {
            return raw;
        }
        int start = dataStart + usageNullStart;
        int end = dataStart + usageNullEnd;
        int before = skipSpaceBackward(start - 1);
        if (before >= dataStart && raw[before] == ',') {
            start = before;
        } else {
            int after = skipSpaceForward(end);
            if (after < dataEnd && raw[after] == ',') {
                end = skipSpaceForward(after + 1);
            }
        }
        byte[] out = new byte[raw.length - (end - start)];
        System.arraycopy(raw, 0, out, 0, start);
        System.arraycopy(raw, end, out, start, raw.length - end);
        return out;
    }

    private int skipSpaceBackward(int i) {
        while (i >= dataStart && Character.isWhitespace(raw[i])) {
            i--;
        }
        return i;
    }

    private int skipSpaceForward(int i) {
        while (i < dataEnd && Character.isWhitespace(raw[i])) {
            i++;
        }
        return i;
    }

    @Override
    public String toString() {
        @Nullable String kind = done ? "done" : usageOnly ? "usage" : null;
        return "StreamEvent[" + (kind == null ? "chunk" : kind) + ", bytes=" + raw.length + "]";
    }
}

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
        String trimmed = new String(raw, dataStart, Math.min(dataEnd - dataStart, 8), StandardCharsets.UTF_8);
        if (trimmed.equals("[DONE]")) {
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

    private void walk(JsonParser parser, UsageFieldCollector usage) throws IOException {
        boolean emptyChoices = false;
        boolean usageNumbers = false;
        boolean firstChoiceNext = false;
        int depth = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            usage.accept(parser, token);
            if (firstChoiceNext) {
                emptyChoices = token == JsonToken.END_ARRAY;
                firstChoiceNext = false;
            }
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            } else if (token == JsonToken.FIELD_NAME && depth == 1) {
                String name = parser.currentName();
                int nameStart = (int) parser.currentTokenLocation().getByteOffset();
                JsonToken value = parser.nextToken();
                usage.accept(parser, value);
                depth += value.isStructStart() ? 1 : 0;
                switch (name) {
                    case "usage" -> {
                        usageNumbers = value == JsonToken.START_OBJECT;
                        if (value == JsonToken.VALUE_NULL) {
                            usageNullStart = nameStart;
                            usageNullEnd = (int) parser.currentLocation().getByteOffset();
                        }
                    }
                    case "choices" -> firstChoiceNext = value == JsonToken.START_ARRAY;
                    case "type" -> finalEvent |= value == JsonToken.VALUE_STRING
                            && FINAL_TYPES.contains(parser.getText());
                    case "error" -> finalEvent = true;
                    default -> {
                    }
                }
            }
        }
        usageOnly = emptyChoices && usageNumbers;
        carriesContent = !usageOnly;
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

package dev.aqueduct.relay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Follows the tokens of one JSON document and picks out the numbers of its {@code usage}
 * object, found at the top level or, in Responses API events, under {@code response}. It keeps
 * no tokens, only the current path, so documents of any size pass through in constant memory.
 */
final class UsageFieldCollector {
    private static final int MAX_DEPTH = 8;

    private final String[] fieldAt = new String[MAX_DEPTH + 1];
    private int depth;
    private boolean found;
    private long input;
    private long output;
    private long cached;

    /** Takes the parser's current token into account. */
    void accept(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT, START_ARRAY -> enter();
            case END_OBJECT, END_ARRAY -> depth--;
            case FIELD_NAME -> {
                if (depth <= MAX_DEPTH) {
                    fieldAt[depth] = parser.currentName();
                }
            }
            case VALUE_NUMBER_INT -> number(parser.getLongValue());
            default -> {
            }
        }
    }

    /** Takes {@code value}, the parser's current token, and everything inside it into account. */
    void acceptValue(JsonParser parser, JsonToken value) throws IOException {
        accept(parser, value);
        int nesting = value.isStructStart() ? 1 : 0;
        while (nesting > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return;
            }
            accept(parser, token);
            nesting += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
        }
    }

    private void enter() {
        depth++;
        if (depth <= MAX_DEPTH) {
            fieldAt[depth] = null;
        }
    }

    private void number(long value) {
        int usageDepth = usageDepth();
        if (usageDepth < 0) {
            return;
        }
        found = true;
        if (depth == usageDepth + 1) {
            switch (field(depth)) {
                case "prompt_tokens", "input_tokens" -> input = value;
                case "completion_tokens", "output_tokens" -> output = value;
                default -> {
                }
            }
        } else if (depth == usageDepth + 2 && "cached_tokens".equals(field(depth))) {
            String details = field(depth - 1);
            if ("prompt_tokens_details".equals(details) || "input_tokens_details".equals(details)) {
                cached = value;
            }
        }
    }

    /** The depth of the field named usage that encloses the current value, or -1. */
    private int usageDepth() {
        if (depth >= 2 && "usage".equals(field(1))) {
            return 1;
        }
        if (depth >= 3 && "response".equals(field(1)) && "usage".equals(field(2))) {
            return 2;
        }
        return -1;
    }

    private String field(int at) {
        if (at < 1 || at > MAX_DEPTH) {
            return "";
        }
        @Nullable String name = fieldAt[at];
        return name == null ? "" : name;
    }

    /** Whether any usage number has been seen. */
    boolean found() {
        return found;
    }

    UsageCounts counts() {
        return new UsageCounts(input, output, cached);
    }
}

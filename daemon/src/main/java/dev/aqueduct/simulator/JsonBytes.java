package dev.aqueduct.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aqueduct.common.error.OpenAiError;
import dev.aqueduct.common.json.Json;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** JSON and server-sent event framing for the simulator's answers, written as UTF-8 bytes. */
final class JsonBytes {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    /** Writes characters beyond the BMP, such as emoji, as raw 4-byte UTF-8 like OpenAI, not as escapes. */
    private static final ObjectWriter WRITER =
            Json.mapper().writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.UTF_8);

    private JsonBytes() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static byte[] of(Object value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Simulator answer cannot be written as JSON", e);
        }
    }

    /** {@code data: <json>} and a blank line, as chat and completion streams send. */
    static byte[] data(JsonNode node) {
        return concat(DATA, of(node), EVENT_END);
    }

    /** {@code event: <name>}, {@code data: <json>} and a blank line, as the Responses API sends. */
    static byte[] event(String name, JsonNode node) {
        return concat(("event: " + name + "\n").getBytes(StandardCharsets.UTF_8), DATA, of(node), EVENT_END);
    }

    /** An OpenAI error body; OpenAI names the type after the status. */
    static byte[] error(int status, String message, @Nullable String param, @Nullable String code) {
        return of(OpenAiError.of(errorType(status), code, param, message));
    }

    static String errorType(int status) {
        return switch (status) {
            case 401 -> "invalid_request_error";
            case 403 -> "permission_denied";
            case 429 -> "requests";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] joined = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, offset, part.length);
            offset += part.length;
        }
        return joined;
    }
}

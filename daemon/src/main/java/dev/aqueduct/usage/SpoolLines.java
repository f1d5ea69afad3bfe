package dev.aqueduct.usage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aqueduct.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The spool's line format: one event per line, {@code CCCCCCCC JSON\n}, where {@code CCCCCCCC}
 * is the CRC-32C of the JSON bytes in 8 lower-case hex digits. A line cut short by a crash or
 * changed on disk fails the checksum (or lacks its newline) and is refused as a whole.
 */
final class SpoolLines {
    static final int VERSION = 1;

    private static final JsonFactory FACTORY = Json.mapper().getFactory();
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final int CHECKSUM_DIGITS = 8;

    private SpoolLines() {
    }

    /** Appends the line for {@code event}, newline included, to {@code out}. */
    static void write(UsageEvent event, ByteArrayOutputStream out) {
        byte[] json = json(event);
        CRC32C crc = new CRC32C();
        crc.update(json);
        String checksum = String.format("%08x ", crc.getValue());
        out.writeBytes(checksum.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(json);
        out.write('\n');
    }

    /**
     * The event on the line {@code bytes[start..end)}, without its newline.
     *
     * @throws CorruptLineException when the checksum, the JSON or a required field is wrong
     */
    static UsageEvent read(byte[] bytes, int start, int end) throws CorruptLineException {
        if (end - start < CHECKSUM_DIGITS + 3 || bytes[start + CHECKSUM_DIGITS] != ' ') {
            throw new CorruptLineException("no checksum");
        }
        long expected;
        try {
            expected = Long.parseLong(new String(bytes, start, CHECKSUM_DIGITS, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            throw new CorruptLineException("no checksum");
        }
        CRC32C crc = new CRC32C();
        int json = start + CHECKSUM_DIGITS + 1;
        crc.update(bytes, json, end - json);
        if (crc.getValue() != expected) {
            throw new CorruptLineException("checksum mismatch");
        }
        try {
            return event(MAPPER.readTree(bytes, json, end - json));
        } catch (IOException | RuntimeException e) {
            throw new CorruptLineException("unreadable event: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static byte[] json(UsageEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(400);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("v", VERSION);
            json.writeStringField("id", event.id());
            json.writeStringField("time", event.time().toString());
            json.writeStringField("key_id", event.keyId());
            json.writeStringField("org_id", event.orgId());
            json.writeStringField("team_id", event.teamId());
            json.writeStringField("user_id", event.userId());
            json.writeStringField("service_account_id", event.serviceAccountId());
            json.writeStringField("model", event.model());
            json.writeStringField("deployment", event.deployment());
            json.writeStringField("endpoint", event.endpoint());
            json.writeNumberField("status", event.status());
            json.writeNumberField("input_tokens", event.inputTokens());
            json.writeNumberField("output_tokens", event.outputTokens());
            json.writeNumberField("cached_tokens", event.cachedTokens());
            json.writeBooleanField("estimated", event.estimated());
            json.writeNumberField("latency_ms", event.latencyMillis());
            if (event.firstTokenMillis() != null) {
                json.writeNumberField("first_token_ms", event.firstTokenMillis());
            }
            json.writeNumberField("overhead_us", event.overheadMicros());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static UsageEvent event(JsonNode node) throws CorruptLineException {
        if (!node.isObject() || node.path("v").asInt() != VERSION) {
            throw new CorruptLineException("not a version " + VERSION + " event");
        }
        try {
            return new UsageEvent(required(node, "id"), Instant.parse(required(node, "time")),
                    required(node, "key_id"), required(node, "org_id"), optional(node, "team_id"),
                    optional(node, "user_id"), optional(node, "service_account_id"), required(node, "model"),
                    required(node, "deployment"), required(node, "endpoint"), number(node, "status").intValue(),
                    number(node, "input_tokens").longValue(), number(node, "output_tokens").longValue(),
                    number(node, "cached_tokens").longValue(), node.path("estimated").asBoolean(),
                    number(node, "latency_ms").longValue(),
                    node.path("first_token_ms").isNumber() ? node.get("first_token_ms").longValue() : null,
                    number(node, "overhead_us").longValue());
        } catch (DateTimeParseException e) {
            throw new CorruptLineException("bad time");
        }
    }

    private static String required(JsonNode node, String field) throws CorruptLineException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new CorruptLineException("no " + field);
        }
        return value.textValue();
    }

    private static @Nullable String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.textValue();
    }

    private static JsonNode number(JsonNode node, String field) throws CorruptLineException {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber()) {
            throw new CorruptLineException("no " + field);
        }
        return value;
    }

    /** A spool line that cannot be trusted; its reason goes into the log. */
    static final class CorruptLineException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptLineException(String reason) {
            super(reason);
        }
    }
}

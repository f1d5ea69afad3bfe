package dev.aqueduct.admin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.aqueduct.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.stream.Collectors;

/**
 * Reads admin API request bodies strictly: at most {@link #MAX_BYTES}, one JSON value, no
 * unknown or duplicate fields, and no coercion between types (a number is not a string, a
 * string is not a number, {@code 1.5} is not an integer). Every refusal is a 400 whose
 * {@code param} names the field, such as {@code limits.requests_per_minute}.
 */
final class JsonBodies {
    /** The largest body the admin API reads; its bodies are small. */
    static final int MAX_BYTES = 64 * 1024;

    private static final ObjectMapper STRICT = strictMapper();

    private JsonBodies() {
    }

    static <T> T read(InputStream input, Class<T> type) {
        byte[] bytes = readLimited(input);
        if (bytes.length == 0) {
            throw AdminErrors.invalid(null, "This request needs a JSON body");
        }
        try {
            T value = STRICT.readValue(bytes, type);
            if (value == null) {
                throw AdminErrors.invalid(null, "The body must be a JSON object, not null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", "));
            throw AdminErrors.invalid(path(e), "Unknown field '" + shorten(e.getPropertyName()) + "'; known fields: "
                    + known);
        } catch (JsonMappingException e) {
            String param = path(e);
            throw AdminErrors.invalid(param.isEmpty() ? null : param, "Invalid value"
                    + (param.isEmpty() ? "" : " for '" + param + "'") + ": " + reason(e));
        } catch (JsonProcessingException e) {
            throw AdminErrors.invalid(null, "Malformed JSON: " + shorten(e.getOriginalMessage()));
        } catch (IOException e) {
            throw AdminErrors.invalid(null, "Cannot read the request body: " + e.getMessage());
        }
    }

    private static byte[] readLimited(InputStream input) {
        try {
            byte[] bytes = input.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw AdminErrors.tooLarge(MAX_BYTES);
            }
            return bytes;
        } catch (IOException e) {
            throw AdminErrors.invalid(null, "Cannot read the request body: " + e.getMessage());
        }
    }

    /** The field path in JSON names: {@code models.allow[0]}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Why a value was refused, without Jackson's class names. */
    private static String reason(JsonMappingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return shorten(cause.getMessage());
        }
        String message = e.getOriginalMessage();
        if (message == null) {
            return "not of the expected type";
        }
        return shorten(message.replaceAll("`[a-zA-Z0-9_.$]+\\.([A-Za-z]+)`", "$1")
                .replaceAll("\\(class [^)]*\\)", "").replaceAll("\\s+at \\[Source.*", "").strip());
    }

    private static String shorten(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = Json.mapper().copy();
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.Float,
                CoercionInputShape.Boolean, CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.Integer,
                CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.DateTime, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Enum, CoercionInputShape.EmptyString);
        mapper.registerModule(new SimpleModule("strict-times").addDeserializer(Instant.class, new IsoInstants()));
        return mapper;
    }

    /** Times only as ISO-8601 strings such as {@code 2030-01-31T12:00:00Z}, never as bare numbers. */
    private static final class IsoInstants extends StdDeserializer<Instant> {
        private static final long serialVersionUID = 1L;
        /** Times are stored as epoch milliseconds; the schema and every client handle four-digit years. */
        private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

        IsoInstants() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            String text = parser.getText();
            Instant time;
            try {
                time = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw InvalidFormatException.from(parser, "expected an ISO-8601 time such as 2030-01-31T12:00:00Z",
                        text, Instant.class);
            }
            if (time.isBefore(Instant.EPOCH) || time.isAfter(LATEST)) {
                throw InvalidFormatException.from(parser, "expected a time between 1970 and the end of 9999",
                        text, Instant.class);
            }
            return time;
        }
    }

    private static void refuse(ObjectMapper mapper, LogicalType target, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
        }
    }
}

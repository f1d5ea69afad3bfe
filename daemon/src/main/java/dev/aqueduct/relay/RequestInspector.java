package dev.aqueduct.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.aqueduct.http.ApiException;
import java.io.IOException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a JSON request body's top-level {@code model}, {@code stream} and
 * {@code stream_options} in one pass, skipping everything else, and checks that the body is one
 * well-formed JSON object. Malformed input is a 400 that says what was wrong.
 */
final class RequestInspector {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Pattern SOURCE_NOTE = Pattern.compile("\\[Source: [^;]*; line: (\\d+), column: (\\d+)]");

    private RequestInspector() {
    }

    static InspectedRequest inspect(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            return inspect(parser);
        } catch (StreamReadException e) {
            throw ApiException.badRequest(null, "We could not parse the JSON body of your request: "
                    + withoutSourceNote(e.getOriginalMessage()) + " (at byte " + e.getLocation().getByteOffset() + ")");
        } catch (IOException e) {
            throw ApiException.badRequest(null, "We could not read the JSON body of your request");
        }
    }

    /**
     * The parser's message with the locations it quotes reduced to line and column: they name
     * the parser's own settings ({@code [Source: REDACTED (...); line: 1, column: 9]}).
     */
    static String withoutSourceNote(String message) {
        return SOURCE_NOTE.matcher(message).replaceAll("line $1, column $2");
    }

    private static InspectedRequest inspect(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw ApiException.badRequest(null, "The request body must be a JSON object");
        }
        Fields fields = new Fields();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "model" -> fields.model(parser);
                case "stream" -> fields.stream = parser.currentToken() == JsonToken.VALUE_TRUE;
                case "stream_options" -> fields.streamOptions(parser);
                default -> parser.skipChildren();
            }
        }
        int objectEnd = (int) parser.currentTokenLocation().getByteOffset();
        if (parser.nextToken() != null) {
            throw ApiException.badRequest(null, "The request body must hold exactly one JSON object");
        }
        return fields.toRequest(objectEnd);
    }

    /** What the walk over the top-level fields has found so far. */
    private static final class Fields {
        private @Nullable String model;
        private int modelStart;
        private int modelEnd;
        private boolean stream;
        private InspectedRequest.@Nullable Span streamOptions;
        private boolean includeUsage;

        void model(JsonParser parser) throws IOException {
            if (model != null) {
                throw ApiException.badRequest("model", "'model' appears more than once in the request body");
            }
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw ApiException.badRequest("model", "'model' must be a string naming the model to use");
            }
            modelStart = (int) parser.currentTokenLocation().getByteOffset();
            model = parser.getText();
            modelEnd = (int) parser.currentLocation().getByteOffset();
        }

        void streamOptions(JsonParser parser) throws IOException {
            if (streamOptions != null) {
                throw ApiException.badRequest("stream_options",
                        "'stream_options' appears more than once in the request body");
            }
            int start = (int) parser.currentTokenLocation().getByteOffset();
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                // null or a wrong type: its place is still known, so an edit replaces it.
                parser.skipChildren();
                parser.getText();
                streamOptions = new InspectedRequest.Span(start, (int) parser.currentLocation().getByteOffset());
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if ("include_usage".equals(name)) {
                    includeUsage = parser.currentToken() == JsonToken.VALUE_TRUE;
                }
                parser.skipChildren();
            }
            streamOptions = new InspectedRequest.Span(start, (int) parser.currentLocation().getByteOffset());
        }

        InspectedRequest toRequest(int objectEnd) {
            if (model == null || model.isBlank()) {
                throw ApiException.badRequest("model", "you must provide a model parameter");
            }
            return new InspectedRequest(model, modelStart, modelEnd, stream, streamOptions, includeUsage, objectEnd);
        }
    }
}

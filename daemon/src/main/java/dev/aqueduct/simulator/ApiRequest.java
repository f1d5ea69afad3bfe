package dev.aqueduct.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A request ready for an endpoint: its JSON body (or the text fields of a multipart form), the
 * files of a form, and what it asked of the simulator.
 *
 * @param body the JSON object sent, or the form's text fields as one; empty for a GET
 * @param files the file parts of a multipart form; empty otherwise
 * @param directives chunks, pacing and faults for this request
 * @param sequence a number unique to this request, for ids
 * @param created when the request arrived, in epoch seconds
 */
record ApiRequest(JsonNode body, List<FilePart> files, Directives directives, long sequence, long created) {
    ApiRequest {
        files = List.copyOf(files);
    }

    /** The {@code model} field, which OpenAI requires on this endpoint. */
    String model() {
        JsonNode model = body.path("model");
        if (!model.isTextual() || model.textValue().isEmpty()) {
            throw ApiError.missing("model");
        }
        return model.textValue();
    }

    /** The {@code model} field, or {@code fallback} where OpenAI picks a default model. */
    String model(String fallback) {
        JsonNode model = body.path("model");
        return model.isTextual() && !model.textValue().isEmpty() ? model.textValue() : fallback;
    }

    /** A field OpenAI requires; a missing or null one is a 400, as upstream. */
    JsonNode required(String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            throw ApiError.missing(field);
        }
        return value;
    }

    boolean stream() {
        return body.path("stream").asBoolean(false);
    }

    /** Whether a stream ends with a usage chunk: asked with {@code stream_options} and not faulted away. */
    boolean includeUsage() {
        return body.path("stream_options").path("include_usage").asBoolean(false) && !directives.has(Fault.NO_USAGE);
    }

    boolean usageWanted() {
        return !directives.has(Fault.NO_USAGE);
    }

    String id(String prefix) {
        return prefix + "sim" + sequence;
    }

    List<String> pieces() {
        return ContentText.pieces(directives.chunks());
    }
}

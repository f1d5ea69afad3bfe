package dev.aqueduct.relay;

import org.jspecify.annotations.Nullable;

/**
 * The few fields of a JSON request body the relay needs, with where they sit in the bytes so the
 * body can be edited without re-serializing the rest.
 *
 * @param modelStart byte offset of the model's string token (its opening quote)
 * @param modelEnd byte offset just past the model's closing quote
 * @param streamOptions where the {@code stream_options} value sits (an object, or null or another
 *     value that an edit replaces), or null when the field is absent
 * @param includeUsage whether {@code stream_options.include_usage} is true
 * @param objectEnd byte offset of the body's closing brace
 */
record InspectedRequest(
        String model,
        int modelStart,
        int modelEnd,
        boolean stream,
        @Nullable Span streamOptions,
        boolean includeUsage,
        int objectEnd) {

    /** A byte range {@code [start, end)} of the body. */
    record Span(int start, int end) {
    }
}

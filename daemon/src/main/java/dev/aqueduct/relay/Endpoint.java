package dev.aqueduct.relay;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The model endpoints the relay serves, with what each needs: whether its body is JSON or a
 * multipart upload, whether it takes {@code stream_options}, and how its stream ends.
 */
enum Endpoint {
    CHAT("/v1/chat/completions", Body.JSON, true, StreamEnd.DONE),
    COMPLETIONS("/v1/completions", Body.JSON, true, StreamEnd.DONE),
    RESPONSES("/v1/responses", Body.JSON, false, StreamEnd.RESPONSE_EVENT),
    EMBEDDINGS("/v1/embeddings", Body.JSON, false, StreamEnd.UNKNOWN),
    MODERATIONS("/v1/moderations", Body.JSON, false, StreamEnd.UNKNOWN),
    IMAGES("/v1/images/generations", Body.JSON, false, StreamEnd.UNKNOWN),
    SPEECH("/v1/audio/speech", Body.JSON, false, StreamEnd.UNKNOWN),
    TRANSCRIPTIONS("/v1/audio/transcriptions", Body.MULTIPART, false, StreamEnd.UNKNOWN),
    TRANSLATIONS("/v1/audio/translations", Body.MULTIPART, false, StreamEnd.UNKNOWN);

    /** How the request body is read. */
    enum Body { JSON, MULTIPART }

    /** What marks a complete stream, so a stream cut short is told apart from a finished one. */
    enum StreamEnd {
        /** A final {@code data: [DONE]} event. */
        DONE,
        /** A {@code response.completed}, {@code .incomplete} or {@code .failed} event. */
        RESPONSE_EVENT,
        /** No known marker: any end counts as complete. */
        UNKNOWN
    }

    private static final Map<String, Endpoint> BY_PATH = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Endpoint::path, Function.identity()));

    private final String path;
    private final Body body;
    private final boolean takesStreamOptions;
    private final StreamEnd streamEnd;

    Endpoint(String path, Body body, boolean takesStreamOptions, StreamEnd streamEnd) {
        this.path = path;
        this.body = body;
        this.takesStreamOptions = takesStreamOptions;
        this.streamEnd = streamEnd;
    }

    static Optional<Endpoint> forPath(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    String path() {
        return path;
    }

    /** The path below the provider's base URL, such as {@code /chat/completions}. */
    String upstreamPath() {
        return path.substring("/v1".length());
    }

    Body body() {
        return body;
    }

    boolean takesStreamOptions() {
        return takesStreamOptions;
    }

    /**
     * Whether the gateway must ask upstream for a stream's usage that the client did not ask
     * for, and remove it again on the way back.
     */
    boolean asksForUsage(InspectedRequest request) {
        return takesStreamOptions && request.stream() && !request.includeUsage();
    }

    StreamEnd streamEnd() {
        return streamEnd;
    }
}

package dev.aqueduct.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The error object of OpenAI's API, which every client of the gateway already knows how to read:
 * {@code {"error": {"message", "type", "param", "code"}}}. {@code param} and {@code code} are
 * written as {@code null} when absent, as OpenAI does.
 */
public record OpenAiError(Body error) {
    /** The inner object. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Body(String message, String type, @Nullable String param, @Nullable String code) {
    }

    public static OpenAiError of(String type, @Nullable String code, @Nullable String param, String message) {
        return new OpenAiError(new Body(message, type, param, code));
    }
}

package dev.aqueduct.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * An OpenAI-compatible upstream account.
 *
 * @param baseUrl the provider's API root, such as {@code https://api.openai.com/v1}
 * @param apiKey the provider's key, usually an environment reference ({@code ${OPENAI_API_KEY}});
 *     never logged and never shown by {@link #toString()}
 * @param timeoutSeconds longest wait for the provider's next byte
 */
public record ProviderConfig(
        String name, URI baseUrl, @Nullable String apiKey, int timeoutSeconds, int connectTimeoutSeconds) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static ProviderConfig of(
            @Nullable String name,
            @Nullable URI baseUrl,
            @Nullable String apiKey,
            @Nullable Integer timeoutSeconds,
            @Nullable Integer connectTimeoutSeconds) {
        return new ProviderConfig(
                name == null ? "" : name,
                baseUrl == null ? URI.create("") : baseUrl,
                apiKey == null || apiKey.isEmpty() ? null : apiKey,
                timeoutSeconds == null ? 600 : timeoutSeconds,
                connectTimeoutSeconds == null ? 10 : connectTimeoutSeconds);
    }

    @Override
    public String toString() {
        return "ProviderConfig[name=" + name + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null ? "none" : "(set)") + ", timeoutSeconds=" + timeoutSeconds + "]";
    }
}

package dev.aqueduct.auth;

import dev.aqueduct.http.ApiException;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.util.Optional;

/**
 * Finds the API key in a request the way OpenAI SDKs send it: {@code Authorization: Bearer},
 * or {@code api-key} (Azure style) or {@code x-api-key} (Anthropic style).
 */
public final class ApiKeyExtractor {
    private static final HttpString AUTHORIZATION = new HttpString("Authorization");
    private static final HttpString API_KEY = new HttpString("api-key");
    private static final HttpString X_API_KEY = new HttpString("x-api-key");
    private static final String BEARER = "bearer ";

    private ApiKeyExtractor() {
    }

    /**
     * The presented key, or empty when the request carries none.
     *
     * @throws ApiException 400 when the request carries more than one key header of a kind, since
     *         which one a proxy on the way would pass on is anyone's guess
     */
    public static Optional<String> extract(HeaderMap headers) {
        for (HttpString name : new HttpString[] {AUTHORIZATION, API_KEY, X_API_KEY}) {
            if (headers.count(name) > 1) {
                throw new ApiException(400, "invalid_request_error", "duplicate_credentials", null,
                        "Send one " + name + " header; this request has " + headers.count(name));
            }
        }
        String authorization = headers.getFirst(AUTHORIZATION);
        if (authorization != null) {
            String value = authorization.strip();
            if (value.length() > BEARER.length() && value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return Optional.of(value.substring(BEARER.length()).strip());
            }
            return Optional.empty();
        }
        String key = headers.getFirst(API_KEY);
        if (key == null) {
            key = headers.getFirst(X_API_KEY);
        }
        return key == null || key.isBlank() ? Optional.empty() : Optional.of(key.strip());
    }
}

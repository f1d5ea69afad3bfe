package dev.aqueduct.common.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aqueduct.common.json.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/** Sends admin API requests over HTTP and turns every failure into one of the client's two exceptions. */
final class AdminHttp {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int SHOWN_BODY_CHARS = 200;

    private final OkHttpClient http;
    private final HttpUrl base;
    private final @Nullable String token;
    private final Duration timeout;

    AdminHttp(OkHttpClient http, HttpUrl base, @Nullable String token, Duration timeout) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.timeout = timeout;
    }

    /** The server's base URL as the user gave it, for messages: never holds the token. */
    String server() {
        String url = base.toString();
        return url.substring(0, url.length() - AdminClient.API_PATH.length());
    }

    /** The answer's body (empty for 204) when the status is 2xx; an exception otherwise. */
    String call(AdminRequest<?> request, String accept) {
        try (Response response = http.newCall(build(request, accept)).execute()) {
            String body = response.body().string();
            if (response.isSuccessful()) {
                return body;
            }
            throw refusal(request, response.code(), body);
        } catch (IOException e) {
            throw unreachable(request, e);
        }
    }

    private Request build(AdminRequest<?> request, String accept) {
        HttpUrl.Builder url = base.newBuilder();
        request.path().forEach(url::addPathSegment);
        for (Map.Entry<String, String> parameter : request.query().entrySet()) {
            url.addQueryParameter(parameter.getKey(), parameter.getValue());
        }
        Request.Builder builder = new Request.Builder().url(url.build()).header("Accept", accept)
                .header("User-Agent", "aqueduct-admin-client");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        RequestBody body = null;
        if (request.body() != null) {
            body = RequestBody.create(write(request.body()), JSON);
        } else if (!request.method().equals("GET") && !request.method().equals("DELETE")) {
            // POST, PUT and PATCH need a body in HTTP terms; actions such as revoke take none.
            body = RequestBody.create(new byte[0], JSON);
        }
        return builder.method(request.method(), body).build();
    }

    private static byte[] write(Object body) {
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private AdminApiException refusal(AdminRequest<?> request, int status, String body) {
        JsonNode error = errorObject(body);
        if (error == null || !error.path("message").isTextual() || !error.path("type").isTextual()) {
            return new AdminApiException(status, AdminApiException.INVALID_RESPONSE, null, null,
                    server() + " answered " + request.describe() + " with status " + status
                            + " but not with an admin API error" + shown(body));
        }
        return new AdminApiException(status, error.get("type").asText(), text(error, "code"), text(error, "param"),
                error.get("message").asText());
    }

    private static @Nullable JsonNode errorObject(String body) {
        try {
            JsonNode root = Json.mapper().readTree(body);
            return root != null && root.path("error").isObject() ? root.get("error") : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static @Nullable String text(JsonNode error, String field) {
        JsonNode value = error.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A short, single-line view of a body that is not what was expected, for the message. */
    static String shown(String body) {
        String line = body.strip().replaceAll("\\s+", " ");
        if (line.isEmpty()) {
            return "";
        }
        return ": " + (line.length() > SHOWN_BODY_CHARS ? line.substring(0, SHOWN_BODY_CHARS) + "..." : line);
    }

    private AdminConnectionException unreachable(AdminRequest<?> request, IOException e) {
        String server = server();
        String message = switch (e) {
            case ConnectException c -> "Cannot connect to " + server + ": " + reason(c, "connection refused");
            case UnknownHostException u -> "Cannot find the host of " + server + ": unknown host";
            case InterruptedIOException i -> "No answer from " + server + " to " + request.describe() + " within "
                    + timeout.toSeconds() + " s";
            default -> "Lost the connection to " + server + " during " + request.describe() + ": "
                    + reason(e, e.getClass().getSimpleName());
        };
        return new AdminConnectionException(server, message, e);
    }

    private static String reason(IOException e, String fallback) {
        return e.getMessage() == null || e.getMessage().isBlank() ? fallback : e.getMessage();
    }

    void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}

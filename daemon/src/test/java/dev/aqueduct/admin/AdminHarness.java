package dev.aqueduct.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.aqueduct.auth.KeyAuthenticator;
import dev.aqueduct.common.json.Json;
import dev.aqueduct.config.ConfigLoader;
import dev.aqueduct.config.GatewayConfig;
import dev.aqueduct.identity.IdentityService;
import dev.aqueduct.keys.KeyOwner;
import dev.aqueduct.keys.KeyScope;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.models.ModelCatalog;
import dev.aqueduct.server.Daemon;
import dev.aqueduct.server.RelayPath;
import dev.aqueduct.store.Database;
import dev.aqueduct.store.DatabaseKind;
import dev.aqueduct.store.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * A real gateway for admin API tests: the daemon on port 0 with SQLite in a temporary
 * directory (or a fresh database on the embedded PostgreSQL), bootstrapped, with the admin's
 * management key, and a client for {@code /admin/v1}.
 */
final class AdminHarness implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json");

    private final GatewayConfig config;
    private final Daemon daemon;
    private final Database database;
    private final String adminKey;
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();

    /** An answer: status, body text, the body as JSON (missing when not JSON) and the headers. */
    record Reply(int status, String text, JsonNode json, Headers headers) {
        JsonNode error() {
            return json.path("error");
        }

        String id() {
            return json.path("id").asText();
        }
    }

    private AdminHarness(GatewayConfig config) {
        this.config = config;
        this.daemon = Daemon.start(config);
        this.database = Database.open(config.database());
        KeyService keys = new KeyService(database.jdbi(), Clock.systemUTC());
        this.adminKey = new IdentityService(database.jdbi(), keys, Clock.systemUTC())
                .bootstrap("admin@example.com", null).managementKey().secret();
    }

    /** Starts a gateway whose configuration names models served by {@code upstreamUrl}. */
    static AdminHarness start(Path directory, String upstreamUrl, int keyCacheSeconds, DatabaseKind kind) {
        return start(directory, upstreamUrl, "auth: { key-cache-seconds: " + keyCacheSeconds + " }\n", kind);
    }

    /** Like {@link #start(Path, String, int, DatabaseKind)} on SQLite, relaying the way {@code path} says. */
    static AdminHarness start(Path directory, String upstreamUrl, int keyCacheSeconds, RelayPath path) {
        return start(directory, upstreamUrl, "auth: { key-cache-seconds: " + keyCacheSeconds + " }\n",
                DatabaseKind.SQLITE, ", " + path.serverYaml());
    }

    /** Starts a gateway on SQLite whose {@code auth} section is {@code authYaml}, such as one with sign-in. */
    static AdminHarness startWithAuth(Path directory, String authYaml) {
        return start(directory, "http://127.0.0.1:9/v1", authYaml, DatabaseKind.SQLITE);
    }

    private static AdminHarness start(Path directory, String upstreamUrl, String authYaml, DatabaseKind kind) {
        return start(directory, upstreamUrl, authYaml, kind, "");
    }

    private static AdminHarness start(Path directory, String upstreamUrl, String authYaml, DatabaseKind kind,
            String serverFields) {
        String yaml = "server: { host: 127.0.0.1, port: 0, shutdown-timeout-seconds: 5" + serverFields + " }\n"
                + "database: { url: \"" + TestDatabase.config(kind, directory).url() + "\" }\n"
                + authYaml
                + "usage: { flush-interval-millis: 50 }\n"
                + "providers:\n"
                + "  - { name: sim, base-url: \"" + upstreamUrl + "\", api-key: \"sk-test\", timeout-seconds: 2 }\n"
                + "models:\n"
                + "  - { name: gpt-4o-mini, aliases: [mini], deployments: [{ provider: sim, model: sim-model }] }\n"
                + "  - { name: big, deployments: [{ provider: sim }] }\n";
        Path file = directory.resolve("aqueduct.yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AdminHarness(new ConfigLoader(Map.of()).load(file));
    }

    static AdminHarness start(Path directory, DatabaseKind kind) {
        return start(directory, "http://127.0.0.1:9/v1", 10, kind);
    }

    static AdminHarness start(Path directory) {
        return start(directory, DatabaseKind.SQLITE);
    }

    String adminKey() {
        return adminKey;
    }

    /**
     * A new key of the person in the organization, made on the database as {@code aqueduct keys create --config}
     * makes it: the admin API mints a person's management key only for that person, and picks the organization
     * of a person's key itself.
     */
    dev.aqueduct.keys.CreatedKey key(String orgId, String userId, KeyScope scope) {
        return new KeyService(database.jdbi(), Clock.systemUTC()).create(KeyOwner.user(orgId, userId), "cli", scope,
                null);
    }

    Database database() {
        return database;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + daemon.port();
    }

    /** The routes of an admin API built like the daemon's. */
    List<Route> routes() {
        KeyService keys = new KeyService(database.jdbi(), Clock.systemUTC());
        return new AdminApi(database.jdbi(), Clock.systemUTC(), keys,
                new KeyAuthenticator(keys::findByHash, Duration.ZERO, Clock.systemUTC()), ModelCatalog.from(config),
                null).routes();
    }

    Reply get(String path, @Nullable String token) {
        return call("GET", path, token, null);
    }

    /** Calls {@code method} on {@code /admin/v1} + {@code path}; a null token sends no Authorization. */
    Reply call(String method, String path, @Nullable String token, @Nullable String body) {
        return send(method, baseUrl() + AdminApi.BASE + path, token, body);
    }

    /** Calls any path of the gateway. */
    Reply send(String method, String url, @Nullable String token, @Nullable String body) {
        RequestBody payload = body == null ? (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")
                ? RequestBody.create(new byte[0], JSON) : null) : RequestBody.create(body, JSON);
        Request.Builder request = new Request.Builder().url(url).method(method, payload);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            String text = response.body().string();
            return new Reply(response.code(), text, parse(text), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Like {@link #call}, failing unless the status is {@code expected}. */
    Reply expect(int expected, String method, String path, @Nullable String token, @Nullable String body) {
        Reply reply = call(method, path, token, body);
        if (reply.status() != expected) {
            throw new AssertionError(method + " " + path + " answered " + reply.status() + ", expected " + expected
                    + ": " + reply.text());
        }
        return reply;
    }

    private static JsonNode parse(String text) {
        try {
            return text.isEmpty() ? MissingNode.getInstance() : Json.mapper().readTree(text);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    @Override
    public void close() {
        daemon.close();
        database.close();
    }
}

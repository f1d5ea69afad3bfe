package dev.aqueduct.server;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.aqueduct.config.ConfigLoader;
import dev.aqueduct.config.GatewayConfig;
import dev.aqueduct.identity.IdentityService;
import dev.aqueduct.keys.KeyScope;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.store.Database;
import dev.aqueduct.usage.UsageStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A real gateway for tests: the daemon on port 0 with SQLite in a temporary directory, loaded
 * from a YAML file like any installation, with a bootstrapped admin and one inference key.
 */
final class GatewayHarness implements AutoCloseable {
    static final String PROVIDER_KEY = "sk-provider-secret-0123456789";

    private final Database database;
    private final KeyService keys;
    private final IdentityService identity;
    private final String inferenceKey;
    private final Daemon daemon;
    private final GatewayConfig config;

    private GatewayHarness(GatewayConfig config) {
        this.config = config;
        this.daemon = Daemon.start(config);
        this.database = Database.open(config.database());
        this.keys = new KeyService(database.jdbi(), Clock.systemUTC());
        this.identity = new IdentityService(database.jdbi(), keys, Clock.systemUTC());
        identity.bootstrap("admin@example.com", null);
        this.inferenceKey = keys.create(identity.keyOwner("admin@example.com", null), "tests",
                KeyScope.INFERENCE, null).secret();
    }

    /**
     * Starts a gateway whose YAML has {@code extraYaml} appended after the database section;
     * {@code extraYaml} holds the providers and models (and any other section).
     */
    static GatewayHarness start(Path directory, String extraYaml) {
        return start(directory, "{ flush-interval-millis: 50 }", extraYaml);
    }

    /** Like {@link #start(Path, String)}, with {@code usageYaml} as the usage section, a YAML flow mapping. */
    static GatewayHarness start(Path directory, String usageYaml, String extraYaml) {
        return start(directory, sqlite(directory), usageYaml, extraYaml);
    }

    /** Like {@link #start(Path, String, String)}, with {@code databaseYaml} as the database section. */
    static GatewayHarness start(Path directory, String databaseYaml, String usageYaml, String extraYaml) {
        return start(directory, "", databaseYaml, usageYaml, extraYaml);
    }

    /**
     * Like {@link #start(Path, String)}, relaying the way {@code path} says; {@code extraYaml}
     * holds no {@code auth} section. Checked keys stay cached for an hour, longer than any test
     * runs, and for the fast lane the inference key is checked once with {@code GET /v1/models}
     * before this returns: every relay request the test sends with it is taken on the I/O thread.
     */
    static GatewayHarness start(Path directory, RelayPath path, String extraYaml) {
        GatewayHarness harness = start(directory, ", " + path.serverYaml(), sqlite(directory),
                "{ flush-interval-millis: 50 }", "auth: { key-cache-seconds: 3600 }\n" + extraYaml);
        if (path == RelayPath.FAST_LANE) {
            try {
                harness.client().models().list();
            } catch (RuntimeException e) {
                harness.close();
                throw e;
            }
        }
        return harness;
    }

    private static GatewayHarness start(Path directory, String serverFields, String databaseYaml, String usageYaml,
            String extraYaml) {
        String yaml = "server: { host: 127.0.0.1, port: 0, max-body-bytes: 1048576, shutdown-timeout-seconds: 5"
                + serverFields + " }\n"
                + "database: " + databaseYaml + "\n"
                + "usage: " + usageYaml + "\n"
                + extraYaml;
        Path file = directory.resolve("aqueduct.yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GatewayConfig config = new ConfigLoader(Map.of("PROVIDER_KEY", PROVIDER_KEY)).load(file);
        return new GatewayHarness(config);
    }

    private static String sqlite(Path directory) {
        return "{ url: \"jdbc:sqlite:" + directory.resolve("gateway.db") + "\" }";
    }

    /** Providers and models for one OpenAI-compatible upstream at {@code baseUrl}, with a 2 s timeout. */
    static String oneProvider(String baseUrl) {
        return oneProvider(baseUrl, 2);
    }

    /** Like {@link #oneProvider(String)}, with the provider's timeout in seconds. */
    static String oneProvider(String baseUrl, int timeoutSeconds) {
        return "providers:\n"
                + "  - { name: sim, base-url: \"" + baseUrl + "\", api-key: \"${PROVIDER_KEY}\", timeout-seconds: "
                + timeoutSeconds + " }\n"
                + "models:\n"
                + "  - name: gpt-4o-mini\n"
                + "    aliases: [mini]\n"
                + "    deployments: [{ provider: sim, model: sim-model }]\n"
                + "  - name: org/embed\n"
                + "    deployments: [{ provider: sim, model: text-embedding-3-small }]\n"
                + "  - name: whisper-1\n"
                + "    deployments: [{ provider: sim, model: whisper-large }]\n";
    }

    String baseUrl() {
        return "http://127.0.0.1:" + daemon.port() + "/v1";
    }

    String key() {
        return inferenceKey;
    }

    KeyService keys() {
        return keys;
    }

    IdentityService identity() {
        return identity;
    }

    /**
     * A database handle of its own, for a test that restarted the server: the shared handle's
     * pooled connections from before the restart fail on first use.
     */
    Database openDatabase() {
        return Database.open(config.database());
    }

    Database database() {
        return database;
    }

    OpenAIClient client() {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl()).apiKey(inferenceKey).maxRetries(0).build();
    }

    /** The daemon's usage path. */
    UsageStats usageStats() {
        return daemon.usageStats();
    }

    /** Stops the daemon gracefully, which stores every buffered usage event. */
    void stopDaemon() {
        daemon.close();
    }

    /** The stored usage events, oldest first. */
    List<Map<String, Object>> usageEvents() {
        return database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT * FROM usage_events ORDER BY time, id").mapToMap().list());
    }

    @Override
    public void close() {
        daemon.close();
        database.close();
    }
}

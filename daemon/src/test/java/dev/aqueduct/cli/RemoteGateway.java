package dev.aqueduct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aqueduct.config.ConfigLoader;
import dev.aqueduct.server.Daemon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real gateway for the remote commands: bootstrapped with {@code aqueduct bootstrap} on its
 * SQLite file, then the daemon on port 0; commands run in-process with {@code AQUEDUCT_URL} and
 * {@code AQUEDUCT_TOKEN} (the bootstrap's management key) in their environment.
 */
final class RemoteGateway implements AutoCloseable {
    private final Daemon daemon;
    private final String adminKey;

    private RemoteGateway(Daemon daemon, String adminKey) {
        this.daemon = daemon;
        this.adminKey = adminKey;
    }

    static RemoteGateway start(Path directory) {
        Path file = directory.resolve("gateway.yaml");
        String yaml = "server: { host: 127.0.0.1, port: 0, shutdown-timeout-seconds: 5 }\n"
                + "database: { url: \"jdbc:sqlite:" + directory.resolve("gateway.db") + "\" }\n"
                + "auth: { key-cache-seconds: 0 }\n"
                + "providers:\n"
                // Nothing listens there; these tests never call a model.
                + "  - { name: sim, base-url: \"http://127.0.0.1:9/v1\", api-key: \"sk-test\", timeout-seconds: 2 }\n"
                + "models:\n"
                + "  - { name: gpt-4o-mini, aliases: [mini], deployments: [{ provider: sim, model: sim-model }] }\n";
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Cli.Result bootstrap = Cli.runIn(Map.of(), "bootstrap", "--config", file.toString(), "--email",
                "admin@example.com");
        assertThat(bootstrap.exitCode()).as(bootstrap.err()).isZero();
        String adminKey = bootstrap.outLines().get(2);
        return new RemoteGateway(Daemon.start(new ConfigLoader(Map.of()).load(file)), adminKey);
    }

    String url() {
        return "http://127.0.0.1:" + daemon.port();
    }

    String adminKey() {
        return adminKey;
    }

    /** Runs a command against this gateway as its admin. */
    Cli.Result run(String... args) {
        return runWithToken(adminKey, args);
    }

    /** Runs a command against this gateway with {@code token} in {@code AQUEDUCT_TOKEN}. */
    Cli.Result runWithToken(String token, String... args) {
        return Cli.runIn(Map.of(RemoteOptions.URL_VARIABLE, url(), RemoteOptions.TOKEN_VARIABLE, token), args);
    }

    @Override
    public void close() {
        daemon.close();
    }
}

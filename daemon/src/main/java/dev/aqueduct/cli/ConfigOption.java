package dev.aqueduct.cli;

import dev.aqueduct.config.ConfigLoader;
import dev.aqueduct.config.GatewayConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option that every local command shares. */
public final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "aqueduct.yaml",
            description = "Configuration file (default: ${DEFAULT-VALUE}).")
    private Path file;

    /** The option as if given as {@code --config file}. */
    static ConfigOption of(Path file) {
        ConfigOption option = new ConfigOption();
        option.file = file;
        return option;
    }

    /** Loads and validates the file; problems surface as one clear line naming file and field. */
    public GatewayConfig load() {
        return ConfigLoader.fromSystemEnvironment().load(file);
    }

    /** Loads the file for a command that only uses the database; provider secrets may be unset. */
    public GatewayConfig loadForDatabase() {
        return ConfigLoader.fromSystemEnvironment().loadForDatabase(file);
    }

    public Path file() {
        return file;
    }
}

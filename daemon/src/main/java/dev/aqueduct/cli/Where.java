package dev.aqueduct.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where a command that works both ways runs: on the database of {@code --config FILE}, or through
 * the admin API of {@code --url} (or {@code AQUEDUCT_URL}). What is on the command line wins over
 * the environment; {@code --config} and {@code --url} together, or neither with no
 * {@code AQUEDUCT_URL}, is a command-line mistake.
 */
public final class Where {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Mixin
    private RemoteOptions remote;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Work on the database of this configuration file instead of calling the admin API.")
    private @Nullable Path config;

    /** Whether the command calls the admin API; false when it works on the database. */
    boolean remote() {
        remote.within(command);
        if (config != null && remote.urlGiven()) {
            throw mistake("give --config FILE (the database) or --url URL (a running gateway), not both");
        }
        if (config != null) {
            return false;
        }
        if (remote.urlKnown()) {
            return true;
        }
        throw mistake("say where to work: --url URL (or " + RemoteOptions.URL_VARIABLE + ") for a running gateway's"
                + " admin API, or --config FILE for its database");
    }

    RemoteOptions remoteOptions() {
        return remote.within(command);
    }

    /** The configuration file, for commands that run on the database. */
    ConfigOption configOption() {
        if (config == null) {
            throw new IllegalStateException("Not a local command");
        }
        return ConfigOption.of(config);
    }

    /** Refuses an option that only the other way of working understands. */
    void refuseOnDatabase(boolean given, String option) {
        if (given) {
            throw mistake(option + " works only through the admin API (--url), not with --config");
        }
    }

    private CommandLine.ParameterException mistake(String message) {
        return new CommandLine.ParameterException(command.commandLine(), command.qualifiedName() + ": " + message);
    }
}

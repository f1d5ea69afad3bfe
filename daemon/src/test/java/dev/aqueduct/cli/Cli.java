package dev.aqueduct.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code aqueduct} commands in-process against a configuration with SQLite in a test directory. */
final class Cli {
    private final Path config;
    private final Path database;

    Cli(Path directory) {
        this(directory, "jdbc:sqlite:" + directory.resolve("a.db"));
    }

    Cli(Path directory, String databaseUrl) {
        this.config = directory.resolve("aqueduct.yaml");
        this.database = directory.resolve("a.db");
        try {
            Files.createDirectories(directory);
            Files.writeString(config, "database: { url: \"" + databaseUrl + "\" }\nproviders: []\nmodels: []\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the command with {@code --config} pointing at the test's file. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--config");
        all.add(config.toString());
        return runExactly(all.toArray(String[]::new));
    }

    Result runExactly(String... args) {
        return runIn(Map.of(), args);
    }

    /** Runs the command exactly as given, seeing only {@code environment} as its environment. */
    static Result runIn(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = AqueductCommand.commandLine(environment);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    Path databaseFile() {
        return database;
    }

    /** What a command did: its exit code and everything it printed. */
    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }
}

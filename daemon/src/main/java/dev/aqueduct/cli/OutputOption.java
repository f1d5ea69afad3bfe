package dev.aqueduct.cli;

import picocli.CommandLine.Option;

/** {@code --output table|json}: readable tables for people, the admin API's JSON for scripts. */
public final class OutputOption {
    /** The two ways to print an answer. */
    enum Format {
        TABLE, JSON
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or json: the admin API's answer exactly, one line, for scripts.")
    private Format format = Format.TABLE;

    boolean json() {
        return format == Format.JSON;
    }
}

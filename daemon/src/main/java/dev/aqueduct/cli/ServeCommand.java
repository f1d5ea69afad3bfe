package dev.aqueduct.cli;

import picocli.CommandLine.Command;

/** Placeholder until the command is written. */
@Command(name = "serve")
final class ServeCommand implements Runnable {
    @Override
    public void run() {
    }
}

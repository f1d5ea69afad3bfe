package dev.aqueduct.cli;

import picocli.CommandLine.Command;

/** Placeholder until the command is written. */
@Command(name = "bootstrap")
final class BootstrapCommand implements Runnable {
    @Override
    public void run() {
    }
}

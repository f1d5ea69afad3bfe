package dev.aqueduct.cli;

import picocli.CommandLine.Command;

/** Placeholder until the command is written. */
@Command(name = "usage")
final class UsageCommand implements Runnable {
    @Override
    public void run() {
    }
}

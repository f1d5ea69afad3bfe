package dev.aqueduct.cli;

import picocli.CommandLine.Command;

/** Placeholder until the command is written. */
@Command(name = "simulate")
final class SimulateCommand implements Runnable {
    @Override
    public void run() {
    }
}

package dev.aqueduct.cli;

import picocli.CommandLine.Command;

/** Placeholder until the command is written. */
@Command(name = "keys")
final class KeysCommand implements Runnable {
    @Override
    public void run() {
    }
}

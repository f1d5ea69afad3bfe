package dev.aqueduct.cli;

import picocli.CommandLine.Command;

/** Placeholder until the command is written. */
@Command(name = "users")
final class UsersCommand implements Runnable {
    @Override
    public void run() {
    }
}

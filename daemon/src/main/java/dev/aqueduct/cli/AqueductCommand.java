package dev.aqueduct.cli;

import dev.aqueduct.common.AqueductException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code aqueduct} command: runs the daemon and manages a gateway's data from the shell.
 *
 * <p>Exit codes: 0 success, 1 the command failed (one line on stderr says why), 2 the command
 * line itself was wrong.
 */
@Command(
        name = "aqueduct",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Self-hosted AI gateway: an OpenAI-compatible endpoint with keys and usage.",
        subcommands = {
            ServeCommand.class,
            BootstrapCommand.class,
            UsersCommand.class,
            KeysCommand.class,
            UsageCommand.class,
            SimulateCommand.class,
            BenchUsageCommand.class,
            CommandLine.HelpCommand.class
        })
public final class AqueductCommand implements Runnable {
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        boolean longRunning = args.length > 0 && (args[0].equals("serve") || args[0].equals("simulate"));
        if (!longRunning && System.getProperty("aqueduct.log.level") == null) {
            // Read by logback.xml before the first log line: one-shot commands print only their answer.
            System.setProperty("aqueduct.log.level", "WARN");
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for {@link #main} and for tests that run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new AqueductCommand());
        commandLine.setExecutionExceptionHandler(AqueductCommand::handleFailure);
        commandLine.setExitCodeExceptionMapper(e -> EXIT_USAGE);
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int handleFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof AqueductException) {
            err.println("aqueduct: " + e.getMessage());
        } else {
            // Only the innermost cause: outer messages of database errors carry SQL and its arguments.
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            err.println("aqueduct: failed: " + root.getClass().getSimpleName() + ": " + root.getMessage());
        }
        err.flush();
        return EXIT_FAILED;
    }
}

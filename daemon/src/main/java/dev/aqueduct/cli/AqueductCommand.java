package dev.aqueduct.cli;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code aqueduct} command: runs the daemon and manages a gateway, on its database file or
 * through the admin API of a running gateway.
 *
 * <p>Exit codes: 0 success; 1 the command failed (one line on stderr says why); 2 the command
 * line itself was wrong; 3 the admin API refused the caller (401: no or bad token, 403: not
 * allowed); 4 the admin API knows no such object (404).
 */
@Command(
        name = "aqueduct",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Self-hosted AI gateway: an OpenAI-compatible endpoint with keys and usage.",
        footerHeading = "%n",
        footer = {
            "Commands that manage a gateway work on its database with --config FILE, or through the admin API of a"
                    + " running gateway with --url URL (or AQUEDUCT_URL) and a management key in AQUEDUCT_TOKEN.",
            "Exit codes: 0 success, 1 failed, 2 wrong command line, 3 refused by the admin API (401/403),"
                    + " 4 not found (404)."
        },
        subcommands = {
            ServeCommand.class,
            BootstrapCommand.class,
            MeCommand.class,
            OrgsCommand.class,
            TeamsCommand.class,
            MembersCommand.class,
            UsersCommand.class,
            ServiceAccountsCommand.class,
            KeysCommand.class,
            UsageCommand.class,
            AuditCommand.class,
            SimulateCommand.class,
            BenchUsageCommand.class,
            CommandLine.HelpCommand.class
        })
public final class AqueductCommand implements Runnable {
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_REFUSED = 3;
    public static final int EXIT_NOT_FOUND = 4;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    private AqueductCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

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
        return commandLine(System.getenv());
    }

    /** The command line reading {@code AQUEDUCT_URL} and {@code AQUEDUCT_TOKEN} from {@code environment}. */
    public static CommandLine commandLine(Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new AqueductCommand(environment));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(Failures::handle);
        commandLine.setParameterExceptionHandler(Failures::handleCommandLine);
        commandLine.setExitCodeExceptionMapper(e -> EXIT_USAGE);
        return commandLine;
    }

    /** The environment variable {@code name}, or null when unset or empty. */
    @Nullable String environment(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

package dev.aqueduct.cli;

import dev.aqueduct.common.AqueductException;
import dev.aqueduct.common.client.AdminApiException;
import dev.aqueduct.common.client.AdminConnectionException;
import java.io.PrintWriter;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Turns every failure of a command into one line on stderr and the documented exit code. */
final class Failures {
    /** Key secrets as the gateway makes them; a mistyped option must not echo one back. */
    private static final Pattern SECRET = Pattern.compile("\\b(aq[mk])-[A-Za-z0-9_-]{16,}");
    /** Sign-in tokens: a JWT's base64url JSON header ({@code eyJ...}) and whatever follows it. */
    private static final Pattern SIGN_IN_TOKEN = Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}(\\.[A-Za-z0-9_-]*)*");

    private Failures() {
    }

    static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        String message = switch (e) {
            case AdminApiException refused -> describe(refused);
            case AdminConnectionException unreachable -> unreachable.getMessage()
                    + "; is the gateway running there, and is --url right?";
            case AqueductException failed -> failed.getMessage();
            default -> "failed: " + innermost(e);
        };
        print(commandLine.getErr(), message);
        return e instanceof AdminApiException refused ? exitCode(refused) : AqueductCommand.EXIT_FAILED;
    }

    static int handleCommandLine(CommandLine.ParameterException e, String[] args) {
        CommandLine wrong = e.getCommandLine();
        print(wrong.getErr(), e.getMessage() + " (see: " + wrong.getCommandSpec().qualifiedName() + " --help)");
        return AqueductCommand.EXIT_USAGE;
    }

    private static String describe(AdminApiException e) {
        String message = e.getMessage() + " (" + e.status() + " " + e.type()
                + (e.param() == null ? "" : ", param " + e.param()) + ")";
        if (e.status() == 401) {
            return message + "; give a management key with AQUEDUCT_TOKEN or --token";
        }
        return message;
    }

    private static int exitCode(AdminApiException e) {
        if (e.isRefused()) {
            return AqueductCommand.EXIT_REFUSED;
        }
        return e.isNotFound() ? AqueductCommand.EXIT_NOT_FOUND : AqueductCommand.EXIT_FAILED;
    }

    /** Only the innermost cause: outer messages of database errors carry SQL and its arguments. */
    private static String innermost(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void print(PrintWriter err, String message) {
        String line = SECRET.matcher(message.strip().replaceAll("\\s*\\R\\s*", " ")).replaceAll("$1-...");
        line = SIGN_IN_TOKEN.matcher(line).replaceAll("eyJ...");
        err.println("aqueduct: " + line);
        err.flush();
    }
}

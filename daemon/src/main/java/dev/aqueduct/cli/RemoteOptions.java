package dev.aqueduct.cli;

import dev.aqueduct.common.client.AdminClient;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --url} and {@code --token}: which gateway's admin API a command calls, and with what
 * credentials. Both fall back to {@code AQUEDUCT_URL} and {@code AQUEDUCT_TOKEN}; the token is
 * sent only to the gateway and never printed.
 */
public final class RemoteOptions {
    static final String URL_VARIABLE = "AQUEDUCT_URL";
    static final String TOKEN_VARIABLE = "AQUEDUCT_TOKEN";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /** The command these options belong to, when they are mixed into another mixin. */
    private @Nullable CommandSpec owner;

    @Option(names = "--url", paramLabel = "URL",
            description = "The running gateway, such as http://127.0.0.1:8080 (default: $" + URL_VARIABLE + ").")
    private @Nullable String url;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "A management key (aqm-...) or sign-in token (default: $" + TOKEN_VARIABLE
                    + "; prefer the variable, as arguments show in process lists).")
    private @Nullable String token;

    /** Names the command these options belong to, for options mixed in through another mixin. */
    RemoteOptions within(CommandSpec command) {
        this.owner = command;
        return this;
    }

    /** Whether {@code --url} is on the command line. */
    boolean urlGiven() {
        return url != null;
    }

    /** Whether a URL is known, from {@code --url} or the environment. */
    boolean urlKnown() {
        return url != null || environment(URL_VARIABLE) != null;
    }

    /**
     * A client for the gateway, to be closed after use.
     *
     * @throws CommandLine.ParameterException when no URL is known or it is not a URL
     */
    AdminClient connect() {
        String target = url != null ? url : environment(URL_VARIABLE);
        if (target == null) {
            throw new CommandLine.ParameterException(command().commandLine(), command().qualifiedName()
                    + " calls the admin API of a running gateway: give its URL with --url or " + URL_VARIABLE);
        }
        String secret = token != null ? token : environment(TOKEN_VARIABLE);
        try {
            return AdminClient.builder(target).token(secret).build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command().commandLine(), e.getMessage());
        }
    }

    private @Nullable String environment(String name) {
        return ((AqueductCommand) command().root().userObject()).environment(name);
    }

    private CommandSpec command() {
        return owner != null ? owner : command;
    }
}

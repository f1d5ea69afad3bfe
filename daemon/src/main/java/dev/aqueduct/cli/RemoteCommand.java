package dev.aqueduct.cli;

import dev.aqueduct.common.client.AdminClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that calls the admin API of a running gateway and prints its answer. */
abstract class RemoteCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private RemoteOptions remote;

    @Mixin
    private OutputOption output;

    @Override
    public final Integer call() {
        try (AdminClient client = remote.connect()) {
            run(client, new Answers(spec, output));
        }
        return 0;
    }

    /** Makes the calls and prints the answer. */
    abstract void run(AdminClient client, Answers answers);
}

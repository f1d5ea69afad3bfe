package dev.aqueduct.cli;

import dev.aqueduct.identity.BootstrapResult;
import dev.aqueduct.identity.IdentityService;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Sets up a fresh install: the first organization, its admin, and one management key shown once. */
@Command(
        name = "bootstrap",
        mixinStandardHelpOptions = true,
        description = {
            "Sets up a fresh install: creates the organization, makes ADDRESS the gateway's first admin and "
                    + "prints a management key, once.",
            "Refuses when the gateway already has an admin."
        })
final class BootstrapCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOption config;

    @Option(names = "--email", required = true, paramLabel = "ADDRESS", description = "The admin's email address.")
    private String email = "";

    @Option(names = "--org", paramLabel = "NAME", defaultValue = IdentityService.DEFAULT_ORG,
            description = "The organization to create (default: ${DEFAULT-VALUE}).")
    private String org = IdentityService.DEFAULT_ORG;

    @Override
    public Integer call() {
        try (LocalStore store = LocalStore.open(config)) {
            BootstrapResult result = store.identity().bootstrap(email, org);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Bootstrapped organization '" + result.organization().name() + "' with admin "
                    + result.admin().email() + ".");
            out.println("Management key (for administration, never for model calls), shown only once; store it:");
            out.println(result.managementKey().secret());
            out.flush();
        }
        return 0;
    }
}

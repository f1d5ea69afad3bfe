package dev.aqueduct.cli;

import dev.aqueduct.identity.IdentityService;
import dev.aqueduct.identity.Membership;
import dev.aqueduct.identity.OrgRole;
import dev.aqueduct.identity.User;
import dev.aqueduct.identity.UserListing;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The people who may get keys: {@code add} works on the database, {@code list} both ways, the
 * others through the admin API.
 */
@Command(
        name = "users",
        mixinStandardHelpOptions = true,
        description = {
            "Adds and lists users on the database (--config); lists, shows, creates, updates and deletes them"
                    + " through the admin API (--url)."
        },
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, RemoteUsers.Show.class,
            RemoteUsers.Create.class, RemoteUsers.Update.class, RemoteUsers.Delete.class})
final class UsersCommand extends GroupCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds a user to an organization on the database, creating the user when the address is new;"
                    + " through the admin API, use users create.")
    static final class Add implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private ConfigOption config;

        @Option(names = "--email", required = true, paramLabel = "ADDRESS", description = "The user's email address.")
        private String email = "";

        @Option(names = "--name", paramLabel = "NAME", description = "A display name.")
        private @Nullable String name;

        @Option(names = "--org", paramLabel = "NAME", defaultValue = IdentityService.DEFAULT_ORG,
                description = "The organization to join (default: ${DEFAULT-VALUE}).")
        private String org = IdentityService.DEFAULT_ORG;

        @Option(names = "--role", paramLabel = "ROLE", defaultValue = "user", converter = RoleConverter.class,
                description = "user or org_admin (default: ${DEFAULT-VALUE}).")
        private OrgRole role = OrgRole.USER;

        @Override
        public Integer call() {
            try (LocalStore store = LocalStore.open(config)) {
                User user = store.identity().addUser(email, name, org, role);
                PrintWriter out = spec.commandLine().getOut();
                out.println("Added " + user.email() + " to organization '" + org + "' as " + role.value() + ".");
                out.println("Create a key for them with: aqueduct keys create --user " + user.email());
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists users: on the database every user and their organizations; through the admin API"
                    + " those you may see.")
    static final class ListUsers implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private Where where;

        @Mixin
        private OutputOption output;

        @Mixin
        private ListOptions paging;

        @Option(names = "--org", paramLabel = "ORG_ID", description = "Through the admin API: only this organization's"
                + " users, with their role in it.")
        private @Nullable String org;

        @Override
        public Integer call() {
            if (where.remote()) {
                return RemoteUsers.list(where.remoteOptions(), new Answers(spec, output), paging, org);
            }
            where.refuseOnDatabase(org != null, "--org");
            where.refuseOnDatabase(paging.given(), "--limit, --after and --all");
            where.refuseOnDatabase(output.json(), "--output json");
            List<UserListing> users;
            try (LocalStore store = LocalStore.open(where.configOption())) {
                users = store.identity().listUsers();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (users.isEmpty()) {
                out.println("No users yet; create the first admin with: aqueduct bootstrap --email ADDRESS");
                out.flush();
            } else {
                table(users).print(out);
            }
            return 0;
        }

        private static Table table(List<UserListing> users) {
            Table table = new Table("EMAIL", "NAME", "ADMIN", "ORGANIZATIONS", "STATE", "CREATED");
            for (UserListing listing : users) {
                User user = listing.user();
                table.row(user.email(), user.name() == null ? "-" : user.name(), user.admin() ? "yes" : "no",
                        organizations(listing.memberships()), user.disabled() ? "disabled" : "active",
                        TimeArguments.format(user.createdAt()));
            }
            return table;
        }

        private static String organizations(List<Membership> memberships) {
            if (memberships.isEmpty()) {
                return "-";
            }
            return memberships.stream().map(m -> m.orgName() + " (" + m.role().value() + ")")
                    .collect(Collectors.joining(", "));
        }
    }

    /** Reads {@code --role}; an unknown role is a command-line mistake. */
    static final class RoleConverter implements CommandLine.ITypeConverter<OrgRole> {
        @Override
        public OrgRole convert(String value) {
            try {
                return OrgRole.parse(value);
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a role; use one of "
                        + OrgRole.names());
            }
        }
    }
}

package dev.aqueduct.cli;

import dev.aqueduct.common.admin.CreateUser;
import dev.aqueduct.common.admin.Role;
import dev.aqueduct.common.admin.UpdateUser;
import dev.aqueduct.common.admin.User;
import dev.aqueduct.common.client.AdminClient;
import dev.aqueduct.common.client.AdminRequests;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code users} commands that call the admin API. */
final class RemoteUsers {
    private RemoteUsers() {
    }

    static int list(RemoteOptions remote, Answers answers, ListOptions paging, @Nullable String org) {
        try (AdminClient client = remote.connect()) {
            answers.list(client, AdminRequests.users(org), paging, RemoteUsers::table, "No users.");
        }
        return 0;
    }

    static Details details(User user) {
        return new Details().add("id", user.id()).add("email", user.email()).add("name", user.name())
                .add("role", user.role().value()).add("organization", user.orgId())
                .add("state", user.disabled() ? "disabled" : "active")
                .add("created", TimeArguments.format(user.createdAt()));
    }

    static Table table(List<User> users) {
        Table table = new Table("ID", "EMAIL", "NAME", "ROLE", "ORGANIZATION", "STATE", "CREATED");
        users.forEach(user -> table.row(user.id(), user.email(), user.name() == null ? "-" : user.name(),
                user.role().value(), user.orgId() == null ? "-" : user.orgId(),
                user.disabled() ? "disabled" : "active", TimeArguments.format(user.createdAt())));
        return table;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one user, through the admin API.")
    static final class Show extends RemoteCommand {
        @Parameters(paramLabel = "USER", description = "The user's id or email.")
        private String user = "";

        @Option(names = "--org", paramLabel = "ORG_ID", description = "Show the user's role in this organization.")
        private @Nullable String org;

        @Override
        void run(AdminClient client, Answers answers) {
            answers.one(client, AdminRequests.user(Lookups.userId(client, user), org), RemoteUsers::details);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Adds a person to an organization through the admin API (org admins).")
    static final class Create extends RemoteCommand {
        @Option(names = "--email", required = true, paramLabel = "ADDRESS", description = "The user's email address.")
        private String email = "";

        @Option(names = "--name", paramLabel = "NAME", description = "A display name.")
        private @Nullable String name;

        @Option(names = "--org", required = true, paramLabel = "ORG_ID", description = "The organization.")
        private String org = "";

        @Option(names = "--role", paramLabel = "ROLE", converter = RoleConverter.class,
                description = "user (default), org_admin or admin.")
        private @Nullable Role role;

        @Override
        void run(AdminClient client, Answers answers) {
            answers.one(client, AdminRequests.createUser(new CreateUser(email, name, org, role)),
                    RemoteUsers::details);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Renames a user, changes their role, or disables or enables them, through the admin API.")
    static final class Update extends RemoteCommand {
        @Parameters(paramLabel = "USER", description = "The user's id or email.")
        private String user = "";

        @Option(names = "--org", paramLabel = "ORG_ID", description = "The organization a role change applies in.")
        private @Nullable String org;

        @Option(names = "--name", paramLabel = "NAME", description = "The new display name.")
        private @Nullable String name;

        @Option(names = "--role", paramLabel = "ROLE", converter = RoleConverter.class,
                description = "The new role: user, org_admin or admin.")
        private @Nullable Role role;

        @ArgGroup(exclusive = true)
        private @Nullable State state;

        /** {@code --disable} or {@code --enable}, not both. */
        static final class State {
            @Option(names = "--disable", description = "Lock the user out; their keys stop working.")
            private boolean disable;

            @Option(names = "--enable", description = "Let a disabled user in again.")
            private boolean enable;
        }

        @Override
        void run(AdminClient client, Answers answers) {
            Boolean disabled = state == null ? null : Boolean.valueOf(state.disable);
            answers.one(client, AdminRequests.updateUser(Lookups.userId(client, user), org,
                    new UpdateUser(name, role, disabled)), RemoteUsers::details);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Removes a user from an organization through the admin API, revoking their keys there.")
    static final class Delete extends RemoteCommand {
        @Parameters(paramLabel = "USER", description = "The user's id or email.")
        private String user = "";

        @Option(names = "--org", paramLabel = "ORG_ID",
                description = "The organization; needed when the user belongs to several.")
        private @Nullable String org;

        @Override
        void run(AdminClient client, Answers answers) {
            client.send(AdminRequests.deleteUser(Lookups.userId(client, user), org));
            answers.done("Deleted user " + user + (org == null ? "" : " from organization " + org) + ".");
        }
    }

    /** Reads {@code --role} of the admin API; an unknown role is a command-line mistake. */
    static final class RoleConverter implements CommandLine.ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            try {
                return Role.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}

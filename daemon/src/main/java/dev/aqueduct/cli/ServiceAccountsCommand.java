package dev.aqueduct.cli;

import dev.aqueduct.common.admin.CreateServiceAccount;
import dev.aqueduct.common.admin.ServiceAccount;
import dev.aqueduct.common.admin.UpdateServiceAccount;
import dev.aqueduct.common.client.AdminClient;
import dev.aqueduct.common.client.AdminRequests;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A team's service accounts, through the admin API: owners of keys for programs rather than people. */
@Command(name = "service-accounts", mixinStandardHelpOptions = true,
        description = "Lists, shows, creates, renames and deletes a team's service accounts through the admin API.",
        subcommands = {ServiceAccountsCommand.ListAccounts.class, ServiceAccountsCommand.Show.class,
            ServiceAccountsCommand.Create.class, ServiceAccountsCommand.Update.class,
            ServiceAccountsCommand.Delete.class})
final class ServiceAccountsCommand extends GroupCommand {
    static Details details(ServiceAccount account) {
        return new Details().add("id", account.id()).add("name", account.name()).add("team", account.teamId())
                .add("organization", account.orgId()).add("created", TimeArguments.format(account.createdAt()));
    }

    static Table table(List<ServiceAccount> accounts) {
        Table table = new Table("ID", "NAME", "TEAM", "CREATED");
        accounts.forEach(account -> table.row(account.id(), account.name(), account.teamId(),
                TimeArguments.format(account.createdAt())));
        return table;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists a team's service accounts.")
    static final class ListAccounts extends RemoteCommand {
        @Option(names = "--team", required = true, paramLabel = "TEAM_ID", description = "The team.")
        private String team = "";

        @Mixin
        private ListOptions paging;

        @Override
        void run(AdminClient client, Answers answers) {
            answers.list(client, AdminRequests.serviceAccounts(team), paging, ServiceAccountsCommand::table,
                    "No service accounts in " + team + ".");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one service account.")
    static final class Show extends RemoteCommand {
        @Parameters(paramLabel = "SERVICE_ACCOUNT_ID")
        private String id = "";

        @Override
        void run(AdminClient client, Answers answers) {
            answers.one(client, AdminRequests.serviceAccount(id), ServiceAccountsCommand::details);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a service account in a team (team and org admins).")
    static final class Create extends RemoteCommand {
        @Option(names = "--team", required = true, paramLabel = "TEAM_ID", description = "The team.")
        private String team = "";

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "A name, such as ci.")
        private String name = "";

        @Override
        void run(AdminClient client, Answers answers) {
            answers.one(client, AdminRequests.createServiceAccount(team, new CreateServiceAccount(name)),
                    ServiceAccountsCommand::details);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Renames a service account.")
    static final class Update extends RemoteCommand {
        @Parameters(paramLabel = "SERVICE_ACCOUNT_ID")
        private String id = "";

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The new name.")
        private String name = "";

        @Override
        void run(AdminClient client, Answers answers) {
            answers.one(client, AdminRequests.updateServiceAccount(id, new UpdateServiceAccount(name)),
                    ServiceAccountsCommand::details);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes a service account; one with keys only with --cascade.")
    static final class Delete extends RemoteCommand {
        @Parameters(paramLabel = "SERVICE_ACCOUNT_ID")
        private String id = "";

        @Option(names = "--cascade", description = "Delete its keys too.")
        private boolean cascade;

        @Override
        void run(AdminClient client, Answers answers) {
            client.send(AdminRequests.deleteServiceAccount(id, cascade));
            answers.done("Deleted service account " + id + ".");
        }
    }
}

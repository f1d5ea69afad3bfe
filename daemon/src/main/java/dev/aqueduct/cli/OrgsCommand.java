package dev.aqueduct.cli;

import dev.aqueduct.common.admin.CreateOrganization;
import dev.aqueduct.common.admin.Organization;
import dev.aqueduct.common.admin.UpdateOrganization;
import dev.aqueduct.common.client.AdminClient;
import dev.aqueduct.common.client.AdminRequests;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Organizations, through the admin API: admins create, rename and delete them; members see their own. */
@Command(name = "orgs", mixinStandardHelpOptions = true,
        description = "Lists, shows, creates, renames and deletes organizations through the admin API.",
        subcommands = {OrgsCommand.ListOrgs.class, OrgsCommand.Show.class, OrgsCommand.Create.class,
            OrgsCommand.Update.class, OrgsCommand.Delete.class})
final class OrgsCommand extends GroupCommand {
    static Details details(Organization org) {
        return new Details().add("id", org.id()).add("name", org.name())
                .add("created", TimeArguments.format(org.createdAt()));
    }

    static Table table(List<Organization> orgs) {
        Table table = new Table("ID", "NAME", "CREATED");
        orgs.forEach(org -> table.row(org.id(), org.name(), TimeArguments.format(org.createdAt())));
        return table;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the organizations you may see.")
    static final class ListOrgs extends RemoteCommand {
        @Mixin
        private ListOptions paging;

        @Override
        void run(AdminClient client, Answers answers) {
            answers.list(client, AdminRequests.orgs(), paging, OrgsCommand::table, "No organizations.");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one organization.")
    static final class Show extends RemoteCommand {
        @Parameters(paramLabel = "ORG_ID")
        private String id = "";

        @Override
        void run(AdminClient client, Answers answers) {
            answers.one(client, AdminRequests.org(id), OrgsCommand::details);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates an organization (admins).")
    static final class Create extends RemoteCommand {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "A name no other has.")
        private String name = "";

        @Override
        void run(AdminClient client, Answers answers) {
            answers.one(client, AdminRequests.createOrg(new CreateOrganization(name)), OrgsCommand::details);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Renames an organization (admins).")
    static final class Update extends RemoteCommand {
        @Parameters(paramLabel = "ORG_ID")
        private String id = "";

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The new name.")
        private String name = "";

        @Override
        void run(AdminClient client, Answers answers) {
            answers.one(client, AdminRequests.updateOrg(id, new UpdateOrganization(name)), OrgsCommand::details);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes an organization (admins); one that still has teams, users or keys only with"
                    + " --cascade.")
    static final class Delete extends RemoteCommand {
        @Parameters(paramLabel = "ORG_ID")
        private String id = "";

        @Option(names = "--cascade", description = "Delete its teams, memberships, service accounts and keys too.")
        private boolean cascade;

        @Override
        void run(AdminClient client, Answers answers) {
            client.send(AdminRequests.deleteOrg(id, cascade));
            answers.done("Deleted organization " + id + ".");
        }
    }
}

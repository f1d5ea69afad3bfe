package dev.aqueduct.cli;

import dev.aqueduct.common.admin.CreateTeam;
import dev.aqueduct.common.admin.Team;
import dev.aqueduct.common.admin.UpdateTeam;
import dev.aqueduct.common.client.AdminClient;
import dev.aqueduct.common.client.AdminRequests;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Teams of an organization, through the admin API: org admins create, rename and delete them. */
@Command(name = "teams", mixinStandardHelpOptions = true,
        description = "Lists, shows, creates, renames and deletes teams through the admin API.",
        subcommands = {TeamsCommand.ListTeams.class, TeamsCommand.Show.class, TeamsCommand.Create.class,
            TeamsCommand.Update.class, TeamsCommand.Delete.class})
final class TeamsCommand extends GroupCommand {
    static Details details(Team team) {
        return new Details().add("id", team.id()).add("name", team.name()).add("organization", team.orgId())
                .add("created", TimeArguments.format(team.createdAt()));
    }

    static Table table(List<Team> teams) {
        Table table = new Table("ID", "NAME", "ORGANIZATION", "CREATED");
        teams.forEach(team -> table.row(team.id(), team.name(), team.orgId(), TimeArguments.format(team.createdAt())));
        return table;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists an organization's teams.")
    static final class ListTeams extends RemoteCommand {
        @Option(names = "--org", required = true, paramLabel = "ORG_ID", description = "The organization.")
        private String org = "";

        @Mixin
        private ListOptions paging;

        @Override
        void run(AdminClient client, Answers answers) {
            answers.list(client, AdminRequests.teams(org), paging, TeamsCommand::table, "No teams in " + org + ".");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one team.")
    static final class Show extends RemoteCommand {
        @Parameters(paramLabel = "TEAM_ID")
        private String id = "";

        @Override
        void run(AdminClient client, Answers answers) {
            answers.one(client, AdminRequests.team(id), TeamsCommand::details);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a team (org admins).")
    static final class Create extends RemoteCommand {
        @Option(names = "--org", required = true, paramLabel = "ORG_ID", description = "The organization.")
        private String org = "";

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "A name no other team of the organization has.")
        private String name = "";

        @Override
        void run(AdminClient client, Answers answers) {
            answers.one(client, AdminRequests.createTeam(org, new CreateTeam(name)), TeamsCommand::details);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Renames a team (org admins).")
    static final class Update extends RemoteCommand {
        @Parameters(paramLabel = "TEAM_ID")
        private String id = "";

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The new name.")
        private String name = "";

        @Override
        void run(AdminClient client, Answers answers) {
            answers.one(client, AdminRequests.updateTeam(id, new UpdateTeam(name)), TeamsCommand::details);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes a team (org admins); one with members or service accounts only with --cascade.")
    static final class Delete extends RemoteCommand {
        @Parameters(paramLabel = "TEAM_ID")
        private String id = "";

        @Option(names = "--cascade", description = "Delete its memberships, service accounts and their keys too.")
        private boolean cascade;

        @Override
        void run(AdminClient client, Answers answers) {
            client.send(AdminRequests.deleteTeam(id, cascade));
            answers.done("Deleted team " + id + ".");
        }
    }
}

package dev.aqueduct.cli;

import dev.aqueduct.common.admin.AddTeamMember;
import dev.aqueduct.common.admin.TeamMember;
import dev.aqueduct.common.admin.UpdateTeamMember;
import dev.aqueduct.common.client.AdminClient;
import dev.aqueduct.common.client.AdminRequests;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The members of a team, through the admin API: team and org admins add, promote and remove them. */
@Command(name = "members", mixinStandardHelpOptions = true,
        description = "Lists, adds, updates and removes the members of a team through the admin API.",
        subcommands = {MembersCommand.ListMembers.class, MembersCommand.Add.class, MembersCommand.Update.class,
            MembersCommand.Remove.class})
final class MembersCommand extends GroupCommand {
    static Details details(TeamMember member) {
        return new Details().add("team", member.teamId()).add("user", member.userId()).add("email", member.email())
                .add("name", member.name()).add("team admin", member.teamAdmin() ? "yes" : "no");
    }

    static Table table(List<TeamMember> members) {
        Table table = new Table("USER", "EMAIL", "NAME", "TEAM ADMIN");
        members.forEach(member -> table.row(member.userId(), member.email(),
                member.name() == null ? "-" : member.name(), member.teamAdmin() ? "yes" : "no"));
        return table;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists a team's members.")
    static final class ListMembers extends RemoteCommand {
        @Option(names = "--team", required = true, paramLabel = "TEAM_ID", description = "The team.")
        private String team = "";

        @Mixin
        private ListOptions paging;

        @Override
        void run(AdminClient client, Answers answers) {
            answers.list(client, AdminRequests.members(team), paging, MembersCommand::table,
                    "No members in " + team + ".");
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds a user of the team's organization to the team.")
    static final class Add extends RemoteCommand {
        @Option(names = "--team", required = true, paramLabel = "TEAM_ID", description = "The team.")
        private String team = "";

        @Option(names = "--user", required = true, paramLabel = "USER", description = "The user's id or email.")
        private String user = "";

        @Option(names = "--team-admin", description = "Make the user an admin of the team.")
        private boolean teamAdmin;

        @Override
        void run(AdminClient client, Answers answers) {
            String userId = Lookups.userId(client, user);
            answers.one(client, AdminRequests.addMember(team, new AddTeamMember(userId, teamAdmin)),
                    MembersCommand::details);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Makes a member a team admin, or a plain member again.")
    static final class Update extends RemoteCommand {
        @Option(names = "--team", required = true, paramLabel = "TEAM_ID", description = "The team.")
        private String team = "";

        @Option(names = "--user", required = true, paramLabel = "USER", description = "The user's id or email.")
        private String user = "";

        @Option(names = "--team-admin", required = true, arity = "1", paramLabel = "true|false",
                description = "Whether the member is an admin of the team.")
        private boolean teamAdmin;

        @Override
        void run(AdminClient client, Answers answers) {
            String userId = Lookups.userId(client, user);
            answers.one(client, AdminRequests.updateMember(team, userId, new UpdateTeamMember(teamAdmin)),
                    MembersCommand::details);
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes a member from the team; the user stays in the organization.")
    static final class Remove extends RemoteCommand {
        @Option(names = "--team", required = true, paramLabel = "TEAM_ID", description = "The team.")
        private String team = "";

        @Option(names = "--user", required = true, paramLabel = "USER", description = "The user's id or email.")
        private String user = "";

        @Override
        void run(AdminClient client, Answers answers) {
            String userId = Lookups.userId(client, user);
            client.send(AdminRequests.removeMember(team, userId));
            answers.done("Removed " + user + " from team " + team + ".");
        }
    }
}

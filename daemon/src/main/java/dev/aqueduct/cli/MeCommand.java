package dev.aqueduct.cli;

import dev.aqueduct.common.admin.Me;
import dev.aqueduct.common.admin.OrgMembership;
import dev.aqueduct.common.admin.TeamMembership;
import dev.aqueduct.common.client.AdminClient;
import dev.aqueduct.common.client.AdminRequests;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** Shows who the token belongs to: the person or service account, their role, organizations and teams. */
@Command(name = "me", mixinStandardHelpOptions = true,
        description = "Shows who the token signs in as, with their role, organizations and teams.")
final class MeCommand extends RemoteCommand {
    @Override
    void run(AdminClient client, Answers answers) {
        answers.one(client, AdminRequests.me(), MeCommand::details);
    }

    private static Details details(Me me) {
        Details details = new Details();
        if (me.user() != null) {
            details.add("user", me.user().email() + " (" + me.user().id() + ")")
                    .add("name", me.user().name())
                    .add("role", me.user().role().value());
        }
        if (me.serviceAccount() != null) {
            details.add("service account", me.serviceAccount().name() + " (" + me.serviceAccount().id() + ")");
        }
        return details.add("key", me.keyId())
                .add("organizations", orgs(me.orgs()))
                .add("teams", teams(me.teams()));
    }

    private static String orgs(List<OrgMembership> orgs) {
        return orgs.isEmpty() ? "-" : orgs.stream().map(org -> org.name() + " (" + org.id() + ", "
                + org.role().value() + ")").collect(Collectors.joining(", "));
    }

    private static String teams(List<TeamMembership> teams) {
        return teams.isEmpty() ? "-" : teams.stream().map(team -> team.name() + " (" + team.id()
                + (team.teamAdmin() ? ", team admin" : "") + ")").collect(Collectors.joining(", "));
    }
}

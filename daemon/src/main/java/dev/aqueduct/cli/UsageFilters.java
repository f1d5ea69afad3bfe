package dev.aqueduct.cli;

import dev.aqueduct.common.AqueductException;
import dev.aqueduct.identity.IdentityService;
import dev.aqueduct.identity.Organization;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code --org}, {@code --team} and {@code --user} filters of {@code usage}, by name or id. */
final class UsageFilters {
    @Option(names = "--org", paramLabel = "ORG", description = "Only this organization, by name or id (org_...).")
    private @Nullable String org;

    @Option(names = "--team", paramLabel = "TEAM",
            description = "Only this team, by id (team_...), or by name together with --org.")
    private @Nullable String team;

    @Option(names = "--user", paramLabel = "USER", description = "Only this user, by email or id (usr_...).")
    private @Nullable String user;

    /** The ids the filters name; names are looked up, and an unknown one fails with a message. */
    Ids resolve(IdentityService identity) {
        String orgId = org == null || org.startsWith("org_") ? org : identity.requireOrganization(org).id();
        String teamId = team;
        if (team != null && !team.startsWith("team_")) {
            if (org == null) {
                throw new UsageFilterException("--team " + team + " is a name; give --org too, or the team's id");
            }
            teamId = organizationTeam(identity, team);
        }
        String userId = user == null || !user.contains("@") ? user : identity.requireUser(user).id();
        return new Ids(orgId, teamId, userId);
    }

    private String organizationTeam(IdentityService identity, String teamName) {
        String orgName = org;
        if (orgName != null && orgName.startsWith("org_")) {
            orgName = identity.listOrganizations().stream().filter(o -> o.id().equals(org))
                    .map(Organization::name).findFirst()
                    .orElseThrow(() -> new UsageFilterException("No organization has the id " + org));
        }
        return identity.requireTeam(orgName, teamName).id();
    }

    /** The filters as stored ids; null where no filter was given. */
    record Ids(@Nullable String orgId, @Nullable String teamId, @Nullable String userId) {
    }

    /** A filter names nothing that exists, or cannot be resolved as given. */
    static final class UsageFilterException extends AqueductException {
        private static final long serialVersionUID = 1L;

        UsageFilterException(String message) {
            super(message);
        }
    }
}

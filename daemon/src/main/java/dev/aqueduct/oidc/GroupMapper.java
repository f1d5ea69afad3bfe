package dev.aqueduct.oidc;

import dev.aqueduct.config.GroupMappingConfig;
import dev.aqueduct.config.OidcConfig;
import dev.aqueduct.identity.OrgRole;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns group names into memberships with the configured rules. Each group is matched against
 * the rules in order and the first rule whose pattern matches the whole name decides; groups
 * no rule matches are ignored. When several groups name the same organization the highest role
 * wins, and the same team is admin when any of its groups says so.
 */
final class GroupMapper {
    private static final int MAX_NAME_LENGTH = 200;

    private final List<Rule> rules;
    private final @Nullable String adminGroup;

    private record Rule(Pattern pattern, OrgRole role, boolean teamAdmin, boolean hasTeam) {
    }

    GroupMapper(OidcConfig config) {
        this.adminGroup = config.adminGroup();
        this.rules = config.groupMappings().stream().map(GroupMapper::rule).toList();
    }

    private static Rule rule(GroupMappingConfig mapping) {
        Pattern pattern = Pattern.compile(mapping.pattern());
        return new Rule(pattern, OrgRole.parse(mapping.role()), mapping.teamAdmin(),
                pattern.namedGroups().containsKey("team"));
    }

    GrantedAccess map(List<String> groups) {
        Map<String, OrgRole> orgs = new LinkedHashMap<>();
        Map<TeamKey, Boolean> teams = new HashMap<>();
        for (String group : groups) {
            for (Rule rule : rules) {
                Matcher matcher = rule.pattern().matcher(group);
                if (matcher.matches()) {
                    grant(rule, matcher, orgs, teams);
                    break;
                }
            }
        }
        Set<GrantedAccess.TeamGrant> grants = new LinkedHashSet<>();
        teams.forEach((key, admin) -> grants.add(new GrantedAccess.TeamGrant(key.org(), key.team(), admin)));
        return new GrantedAccess(Map.copyOf(orgs), Set.copyOf(grants),
                adminGroup != null && groups.contains(adminGroup));
    }

    private record TeamKey(String org, String team) {
    }

    private static void grant(Rule rule, Matcher matcher, Map<String, OrgRole> orgs, Map<TeamKey, Boolean> teams) {
        String org = name(matcher.group("org"));
        if (org == null) {
            return;
        }
        String team = rule.hasTeam() ? name(matcher.group("team")) : null;
        if (rule.hasTeam() && team == null) {
            return;
        }
        orgs.merge(org, rule.role(), (a, b) -> a == OrgRole.ORG_ADMIN || b == OrgRole.ORG_ADMIN
                ? OrgRole.ORG_ADMIN : OrgRole.USER);
        if (team != null) {
            teams.merge(new TeamKey(org, team), rule.teamAdmin(), Boolean::logicalOr);
        }
    }

    /** A usable organization or team name from a captured group, or null for an empty or overlong one. */
    private static @Nullable String name(@Nullable String captured) {
        if (captured == null) {
            return null;
        }
        String name = captured.strip();
        return name.isEmpty() || name.length() > MAX_NAME_LENGTH ? null : name;
    }
}

package dev.aqueduct.cli;

import dev.aqueduct.common.admin.Key;
import dev.aqueduct.common.admin.Organization;
import dev.aqueduct.common.admin.Team;
import dev.aqueduct.common.admin.User;
import dev.aqueduct.common.client.AdminApiException;
import dev.aqueduct.common.client.AdminClient;
import dev.aqueduct.common.client.AdminRequests;
import dev.aqueduct.common.client.KeyFilter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Lets people name users by email and keys by their visible prefix, as the other commands show
 * them, where the admin API takes ids. A lookup reads the listing the caller may see.
 */
final class Lookups {
    private static final String KEY_PREFIX = "aq[km]-[A-Za-z0-9_-]+";

    private Lookups() {
    }

    /** The id of the organization {@code idOrName} names: itself when it is an id ({@code org_...}). */
    static String orgId(AdminClient client, String idOrName) {
        if (idOrName.startsWith("org_")) {
            return idOrName;
        }
        return client.all(ListOptions.everything(AdminRequests.orgs())).stream()
                .filter(org -> org.name().equals(idOrName)).map(Organization::id).findFirst()
                .orElseThrow(() -> new AdminApiException(404, "not_found_error", "not_found", "org_id",
                        "No organization named '" + idOrName + "' that you may see"));
    }

    /** The id of the team {@code idOrName} names: itself when it is an id, else by name in {@code orgId}. */
    static String teamId(AdminClient client, @Nullable String orgId, String idOrName) {
        if (idOrName.startsWith("team_")) {
            return idOrName;
        }
        if (orgId == null) {
            throw new AdminApiException(400, "invalid_request_error", null, "team_id",
                    "--team " + idOrName + " is a name; give --org too, or the team's id");
        }
        return client.all(ListOptions.everything(AdminRequests.teams(orgId))).stream()
                .filter(team -> team.name().equals(idOrName)).map(Team::id).findFirst()
                .orElseThrow(() -> new AdminApiException(404, "not_found_error", "not_found", "team_id",
                        "No team named '" + idOrName + "' in " + orgId));
    }

    /** The id of the user {@code idOrEmail} names: itself unless it is an email address. */
    static String userId(AdminClient client, String idOrEmail) {
        if (!idOrEmail.contains("@")) {
            return idOrEmail;
        }
        String email = idOrEmail.strip().toLowerCase(Locale.ROOT);
        List<User> matches = client.all(ListOptions.everything(AdminRequests.users(null))).stream()
                .filter(user -> user.email().equals(email)).toList();
        if (matches.isEmpty()) {
            throw new AdminApiException(404, "not_found_error", "not_found", "user_id",
                    "No user with email '" + email + "' that you may see");
        }
        return matches.getFirst().id();
    }

    /** The id of the key {@code idOrPrefix} names: itself unless it is a visible prefix such as aqk-3fXk9PqL. */
    static String keyId(AdminClient client, String idOrPrefix) {
        if (!idOrPrefix.matches(KEY_PREFIX)) {
            return idOrPrefix;
        }
        List<Key> matches = client.all(ListOptions.everything(AdminRequests.keys(KeyFilter.none()))).stream()
                .filter(key -> key.prefix().equals(idOrPrefix)).toList();
        if (matches.isEmpty()) {
            throw new AdminApiException(404, "not_found_error", "not_found", "key_id",
                    "No key with prefix '" + idOrPrefix + "' that you may see");
        }
        if (matches.size() > 1) {
            throw new AdminApiException(409, "conflict_error", "ambiguous_prefix", "key_id",
                    "Several keys have prefix '" + idOrPrefix + "'; name the key by its id");
        }
        return matches.getFirst().id();
    }
}

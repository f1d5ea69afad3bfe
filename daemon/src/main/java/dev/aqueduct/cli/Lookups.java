package dev.aqueduct.cli;

import dev.aqueduct.common.admin.Key;
import dev.aqueduct.common.admin.User;
import dev.aqueduct.common.client.AdminApiException;
import dev.aqueduct.common.client.AdminClient;
import dev.aqueduct.common.client.AdminRequests;
import dev.aqueduct.common.client.KeyFilter;
import java.util.List;
import java.util.Locale;

/**
 * Lets people name users by email and keys by their visible prefix, as the other commands show
 * them, where the admin API takes ids. A lookup reads the listing the caller may see.
 */
final class Lookups {
    private static final String KEY_PREFIX = "aq[km]-[A-Za-z0-9_-]+";

    private Lookups() {
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

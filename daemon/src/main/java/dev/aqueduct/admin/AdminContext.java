package dev.aqueduct.admin;

import dev.aqueduct.auth.KeyAuthenticator;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.models.ModelCatalog;
import java.time.Clock;
import java.util.Collection;
import org.jdbi.v3.core.Jdbi;

/** What the admin API's routes share: the database, the clock, keys and the model catalog. */
record AdminContext(Jdbi jdbi, Clock clock, KeyService keys, KeyAuthenticator authenticator,
        ModelCatalog catalog) {

    /** Forgets cached lookups of keys just revoked or removed, so this instance refuses them at once. */
    void forgetKeys(Collection<String> keyIds) {
        keyIds.forEach(authenticator::forget);
    }
}

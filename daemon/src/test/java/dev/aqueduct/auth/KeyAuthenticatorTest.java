package dev.aqueduct.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aqueduct.http.ApiException;
import dev.aqueduct.keys.KeyRecord;
import dev.aqueduct.keys.KeyScope;
import dev.aqueduct.keys.KeySecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyAuthenticatorTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private final Map<String, KeyRecord> stored = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private boolean databaseDown;

    /** No caching (TTL zero), so that every request asks the lookup: the outage rules alone decide. */
    private final KeyAuthenticator authenticator = new KeyAuthenticator(this::lookup, Duration.ZERO,
            Clock.fixed(NOW, ZoneOffset.UTC), nanos::get);

    private Optional<KeyRecord> lookup(String hash) {
        lookups.incrementAndGet();
        if (databaseDown) {
            throw new IllegalStateException("Connection refused");
        }
        return Optional.ofNullable(stored.get(hash));
    }

    private String storedKey(String id) {
        String secret = KeySecrets.generate(KeyScope.INFERENCE);
        stored.put(KeySecrets.hash(secret), new KeyRecord(id, KeySecrets.prefix(secret), id, KeyScope.INFERENCE,
                "org_1", null, "usr_1", null, NOW, null, null, null, false));
        return secret;
    }

    private KeyRecord authenticate(String secret) {
        return authenticator.authenticate(Optional.of(secret), KeyScope.INFERENCE);
    }

    @Test
    void servesKeysAlreadyReadThroughAnOutageAndFailsKeysNeverRead() {
        String known = storedKey("key_known");
        String unseen = storedKey("key_unseen");
        authenticate(known);

        databaseDown = true;

        assertThat(authenticate(known).id()).isEqualTo("key_known");
        assertThatThrownBy(() -> authenticate(unseen)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void skipsTheDatabaseForKeysAlreadyReadWhileAnOutagePauseLasts() {
        String first = storedKey("key_first");
        String second = storedKey("key_second");
        authenticate(first);
        authenticate(second);
        databaseDown = true;
        authenticate(first);
        int lookupsAfterTheFailure = lookups.get();

        for (int i = 0; i < 5; i++) {
            assertThat(authenticate(second).id()).isEqualTo("key_second");
        }
        assertThat(lookups.get()).as("no lookup during the pause").isEqualTo(lookupsAfterTheFailure);

        nanos.addAndGet(KeyAuthenticator.OUTAGE_PAUSE.toNanos());
        databaseDown = false;
        authenticate(second);
        assertThat(lookups.get()).as("the database is asked again after the pause")
                .isEqualTo(lookupsAfterTheFailure + 1);
    }

    @Test
    void appliesARevocationReadOnceTheDatabaseAnswersAgain() {
        String secret = storedKey("key_1");
        authenticate(secret);
        databaseDown = true;
        authenticate(secret);
        nanos.addAndGet(KeyAuthenticator.OUTAGE_PAUSE.toNanos());
        databaseDown = false;
        KeyRecord key = stored.get(KeySecrets.hash(secret));
        stored.put(KeySecrets.hash(secret), new KeyRecord(key.id(), key.prefix(), key.name(), key.scope(),
                key.orgId(), null, key.userId(), null, key.createdAt(), null, NOW, null, false));

        assertThatThrownBy(() -> authenticate(secret)).isInstanceOf(ApiException.class)
                .hasMessageContaining("revoked");
    }
}

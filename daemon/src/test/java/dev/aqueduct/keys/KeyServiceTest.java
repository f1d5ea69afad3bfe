package dev.aqueduct.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aqueduct.identity.IdentityService;
import dev.aqueduct.identity.OrgRole;
import dev.aqueduct.identity.ServiceAccount;
import dev.aqueduct.identity.Team;
import dev.aqueduct.store.Database;
import dev.aqueduct.store.DatabaseKind;
import dev.aqueduct.store.MutableClock;
import dev.aqueduct.store.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(DatabaseKind.class)
class KeyServiceTest {
    private static final Instant START = Instant.parse("2026-05-01T10:00:00Z");

    @Parameter
    DatabaseKind kind;

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(START);
    private Database database;
    private KeyService keys;
    private IdentityService identity;
    private KeyOwner alice;

    @BeforeEach
    void setUp() {
        database = TestDatabase.open(kind, directory);
        keys = new KeyService(database.jdbi(), clock);
        identity = new IdentityService(database.jdbi(), keys, clock);
        identity.bootstrap("admin@example.com", null);
        identity.addUser("alice@example.com", "Alice", IdentityService.DEFAULT_ORG, OrgRole.USER);
        alice = identity.keyOwner("alice@example.com", null);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void createsAKeyAndReturnsItsSecretOnce() {
        CreatedKey created = keys.create(alice, "laptop", KeyScope.INFERENCE, null);

        KeyRecord key = created.key();
        assertThat(key.id()).startsWith("key_");
        assertThat(key.prefix()).isEqualTo(KeySecrets.prefix(created.secret()));
        assertThat(key.name()).isEqualTo("laptop");
        assertThat(key.scope()).isEqualTo(KeyScope.INFERENCE);
        assertThat(key.orgId()).isEqualTo(alice.orgId());
        assertThat(key.userId()).isEqualTo(alice.userId());
        assertThat(key.createdAt()).isEqualTo(START);
        assertThat(key.activeAt(START)).isTrue();
    }

    @Test
    void storesOnlyTheHashOfTheSecret() {
        CreatedKey created = keys.create(alice, "laptop", KeyScope.INFERENCE, null);

        List<Map<String, Object>> rows = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT * FROM api_keys WHERE id = :id").bind("id", created.key().id()).mapToMap().list());
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.values()).doesNotContain(created.secret());
            assertThat(row.get("key_hash")).isEqualTo(KeySecrets.hash(created.secret()));
        });
    }

    @Test
    void findsAnActiveKeyByTheHashOfItsSecret() {
        CreatedKey created = keys.create(alice, "laptop", KeyScope.INFERENCE, null);

        KeyRecord found = keys.findByHash(KeySecrets.hash(created.secret())).orElseThrow();

        assertThat(found).isEqualTo(created.key());
        assertThat(found.stateAt(clock.instant())).isEqualTo(KeyState.ACTIVE);
    }

    @Test
    void findsNothingForAnUnknownHash() {
        assertThat(keys.findByHash(KeySecrets.hash("aqk-unknown"))).isEmpty();
    }

    @Test
    void findsARevokedKeyAsRevoked() {
        CreatedKey created = keys.create(alice, "laptop", KeyScope.INFERENCE, null);
        clock.advance(Duration.ofMinutes(5));

        keys.revoke(created.key().id());

        KeyRecord found = keys.findByHash(KeySecrets.hash(created.secret())).orElseThrow();
        assertThat(found.revokedAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(found.activeAt(clock.instant())).isFalse();
        assertThat(found.stateAt(clock.instant())).isEqualTo(KeyState.REVOKED);
    }

    @Test
    void findsAnExpiredKeyAsExpired() {
        Instant expiry = START.plus(Duration.ofHours(1));
        CreatedKey created = keys.create(alice, "laptop", KeyScope.INFERENCE, expiry);

        KeyRecord found = keys.findByHash(KeySecrets.hash(created.secret())).orElseThrow();

        assertThat(found.expiresAt()).isEqualTo(expiry);
        assertThat(found.activeAt(expiry.minusMillis(1))).isTrue();
        assertThat(found.activeAt(expiry)).isFalse();
        assertThat(found.stateAt(expiry)).isEqualTo(KeyState.EXPIRED);
    }

    @Test
    void findsAKeyOfADisabledUserAsInactive() {
        CreatedKey created = keys.create(alice, "laptop", KeyScope.INFERENCE, null);

        identity.setDisabled("alice@example.com", true);

        KeyRecord found = keys.findByHash(KeySecrets.hash(created.secret())).orElseThrow();
        assertThat(found.ownerDisabled()).isTrue();
        assertThat(found.activeAt(clock.instant())).isFalse();
        assertThat(found.stateAt(clock.instant())).isEqualTo(KeyState.OWNER_DISABLED);
    }

    @Test
    void keysOfServiceAccountsAreFoundWithTheirTeam() {
        Team team = identity.createTeam(IdentityService.DEFAULT_ORG, "platform");
        ServiceAccount account = identity.createServiceAccount(team, "ci");
        CreatedKey created = keys.create(KeyOwner.serviceAccount(team.orgId(), team.id(), account.id()), "ci",
                KeyScope.INFERENCE, null);

        KeyRecord found = keys.findByHash(KeySecrets.hash(created.secret())).orElseThrow();

        assertThat(found.teamId()).isEqualTo(team.id());
        assertThat(found.serviceAccountId()).isEqualTo(account.id());
        assertThat(found.userId()).isNull();
        assertThat(found.activeAt(clock.instant())).isTrue();
        assertThat(keys.listWithOwners(null)).extracting(KeyListing::owner).contains("service account ci");
    }

    @Test
    void refusesAnExpiryThatIsNotInTheFuture() {
        assertThatThrownBy(() -> keys.create(alice, "old", KeyScope.INFERENCE, START))
                .isInstanceOf(KeyException.class)
                .hasMessageContaining("not in the future");
        assertThat(keys.list(alice.userId())).isEmpty();
    }

    @Test
    void refusesAnEmptyName() {
        assertThatThrownBy(() -> keys.create(alice, "  ", KeyScope.INFERENCE, null))
                .isInstanceOf(KeyException.class)
                .hasMessage("A key needs a name");
    }

    @Test
    void listsKeysOldestFirstAndByUser() {
        KeyRecord first = keys.create(alice, "one", KeyScope.INFERENCE, null).key();
        clock.advance(Duration.ofSeconds(1));
        KeyRecord second = keys.create(alice, "two", KeyScope.INFERENCE, null).key();

        assertThat(keys.list(alice.userId())).containsExactly(first, second);
        assertThat(keys.list(null)).hasSize(3).contains(first, second);
        assertThat(keys.listWithOwners(alice.userId())).extracting(KeyListing::owner)
                .containsOnly("alice@example.com");
    }

    @Test
    void revokesByPrefix() {
        CreatedKey created = keys.create(alice, "laptop", KeyScope.INFERENCE, null);

        Revocation revocation = keys.revoke(created.key().prefix());

        assertThat(revocation.alreadyRevoked()).isFalse();
        assertThat(revocation.key().id()).isEqualTo(created.key().id());
        assertThat(revocation.key().revokedAt()).isEqualTo(START);
    }

    @Test
    void revokingTwiceKeepsTheFirstRevocationTime() {
        KeyRecord key = keys.create(alice, "laptop", KeyScope.INFERENCE, null).key();
        keys.revoke(key.id());
        clock.advance(Duration.ofHours(1));

        Revocation again = keys.revoke(key.id());

        assertThat(again.alreadyRevoked()).isTrue();
        assertThat(again.key().revokedAt()).isEqualTo(START);
    }

    @Test
    void revokingAnUnknownKeySaysHowToFindKeys() {
        assertThatThrownBy(() -> keys.revoke("aqk-nothing"))
                .isInstanceOf(UnknownKeyException.class)
                .hasMessage("No key has id or prefix 'aqk-nothing'; see the keys with: aqueduct keys list");
    }

    @Test
    void refusesToRevokeByAPrefixSeveralKeysShare() {
        KeyRecord one = keys.create(alice, "one", KeyScope.INFERENCE, null).key();
        KeyRecord two = keys.create(alice, "two", KeyScope.INFERENCE, null).key();
        database.jdbi().useHandle(h -> h.execute("UPDATE api_keys SET prefix = 'aqk-shared00' WHERE id IN (?, ?)",
                one.id(), two.id()));

        assertThatThrownBy(() -> keys.revoke("aqk-shared00"))
                .isInstanceOf(KeyException.class)
                .hasMessageContaining("matches 2 keys")
                .hasMessageContaining("revoke by id");
        assertThat(keys.list(alice.userId())).allSatisfy(key -> assertThat(key.revokedAt()).isNull());
    }

    @Test
    void lastUseOnlyMovesForward() {
        KeyRecord key = keys.create(alice, "laptop", KeyScope.INFERENCE, null).key();
        Instant later = START.plus(Duration.ofMinutes(10));

        keys.touchLastUsed(Map.of(key.id(), later));
        keys.touchLastUsed(Map.of(key.id(), START.plus(Duration.ofMinutes(1)), "key_unknown", later));

        assertThat(keys.list(alice.userId())).singleElement()
                .satisfies(stored -> assertThat(stored.lastUsedAt()).isEqualTo(later));
    }
}

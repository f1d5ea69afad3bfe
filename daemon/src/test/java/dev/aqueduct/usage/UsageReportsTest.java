package dev.aqueduct.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.aqueduct.config.UsageConfig;
import dev.aqueduct.identity.IdentityService;
import dev.aqueduct.identity.OrgRole;
import dev.aqueduct.identity.Team;
import dev.aqueduct.keys.KeyOwner;
import dev.aqueduct.keys.KeyRecord;
import dev.aqueduct.keys.KeyScope;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.store.Database;
import dev.aqueduct.store.DatabaseKind;
import dev.aqueduct.store.Ids;
import dev.aqueduct.store.MutableClock;
import dev.aqueduct.store.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(DatabaseKind.class)
class UsageReportsTest {
    private static final Instant HOUR = Instant.parse("2026-05-01T10:00:00Z");
    private static final Instant DAY_START = Instant.parse("2026-05-01T00:00:00Z");

    @Parameter
    DatabaseKind kind;

    @TempDir
    Path directory;

    private Database database;
    private KeyRecord aliceKey;
    private KeyRecord robotKey;
    private UsageReports reports;

    @BeforeEach
    void setUp() {
        database = TestDatabase.open(kind, directory);
        MutableClock clock = new MutableClock(HOUR);
        KeyService keys = new KeyService(database.jdbi(), clock);
        IdentityService identity = new IdentityService(database.jdbi(), keys, clock);
        identity.bootstrap("admin@example.com", "acme");
        identity.addUser("alice@example.com", null, "acme", OrgRole.USER);
        aliceKey = keys.create(identity.keyOwner("alice@example.com", null), "laptop", KeyScope.INFERENCE, null)
                .key();
        Team team = identity.createTeam("acme", "platform");
        String account = identity.createServiceAccount(team, "ci").id();
        robotKey = keys.create(KeyOwner.serviceAccount(team.orgId(), team.id(), account), "ci-key",
                KeyScope.INFERENCE, null).key();
        reports = new UsageReports(database.jdbi());

        store(keys,
                event(aliceKey, DAY_START.minus(Duration.ofMinutes(1)), "gpt-4o", 200),
                event(aliceKey, HOUR.minus(Duration.ofHours(3)), "gpt-4o", 200),
                event(aliceKey, HOUR.plusSeconds(5), "gpt-4o", 200),
                event(aliceKey, HOUR.plusSeconds(6), "mini", 429),
                event(robotKey, HOUR.plusSeconds(7), "gpt-4o", 200),
                event(robotKey, HOUR.plus(Duration.ofMinutes(70)), "gpt-4o", 502));
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void sumsByUserNamingServiceAccounts() {
        assertThat(totals(HOUR, UsageGrouping.USER)).containsExactly(
                new UsageRow(null, aliceKey.userId(), "alice@example.com", 2, 1, 20, 10, 10, 200),
                new UsageRow(null, robotKey.serviceAccountId(), "service account ci", 2, 1, 20, 10, 10, 200));
    }

    @Test
    void sumsByModelBusiestFirst() {
        assertThat(totals(HOUR, UsageGrouping.MODEL)).extracting(UsageRow::group, UsageRow::requests)
                .containsExactly(tuple("gpt-4o", 3L),
                        tuple("mini", 1L));
    }

    @Test
    void sumsByKeyShowingPrefixAndName() {
        assertThat(totals(HOUR, UsageGrouping.KEY)).extracting(UsageRow::groupId, UsageRow::group)
                .containsExactlyInAnyOrder(tuple(aliceKey.id(), aliceKey.prefix() + " laptop"),
                        tuple(robotKey.id(), robotKey.prefix() + " ci-key"));
    }

    @Test
    void sumsByOrganizationAndTeam() {
        assertThat(totals(HOUR, UsageGrouping.ORG)).extracting(UsageRow::groupId, UsageRow::group, UsageRow::requests)
                .containsExactly(tuple(aliceKey.orgId(), "acme", 4L));
        assertThat(totals(HOUR, UsageGrouping.TEAM)).extracting(UsageRow::groupId, UsageRow::group)
                .containsExactlyInAnyOrder(tuple(robotKey.teamId(), "platform"), tuple("", "(no team)"));
    }

    @Test
    void countsTheWholeHourTheWindowStartsIn() {
        Instant midHour = HOUR.plus(Duration.ofMinutes(30));

        assertThat(UsageQuery.totals(UsageGrouping.ORG, midHour).windowStart()).isEqualTo(HOUR);
        assertThat(totals(midHour, UsageGrouping.ORG)).extracting(UsageRow::requests).containsExactly(4L);
        assertThat(totals(HOUR.minus(Duration.ofHours(5)), UsageGrouping.ORG))
                .extracting(UsageRow::requests).containsExactly(5L);
    }

    @Test
    void findsNothingAfterTheLastHourWithUsage() {
        assertThat(totals(HOUR.plus(Duration.ofHours(2)), UsageGrouping.USER)).isEmpty();
    }

    @Test
    void splitsPerHourOldestFirst() {
        List<UsageRow> rows = reports.query(new UsageQuery(UsageGrouping.MODEL, UsagePeriod.HOUR,
                DAY_START, null, null, null, null));

        assertThat(rows).extracting(UsageRow::period, UsageRow::group, UsageRow::requests).containsExactly(
                tuple(HOUR.minus(Duration.ofHours(3)), "gpt-4o", 1L),
                tuple(HOUR, "gpt-4o", 2L),
                tuple(HOUR, "mini", 1L),
                tuple(HOUR.plus(Duration.ofHours(1)), "gpt-4o", 1L));
    }

    @Test
    void splitsPerUtcDay() {
        List<UsageRow> rows = reports.query(new UsageQuery(UsageGrouping.ORG, UsagePeriod.DAY,
                DAY_START.minus(Duration.ofDays(3)), null, null, null, null));

        assertThat(rows).extracting(UsageRow::period, UsageRow::requests).containsExactly(
                tuple(DAY_START.minus(Duration.ofDays(1)), 1L),
                tuple(DAY_START, 5L));
    }

    @Test
    void endsBeforeTheHourUntilFallsIn() {
        List<UsageRow> rows = reports.query(new UsageQuery(UsageGrouping.ORG, UsagePeriod.NONE,
                DAY_START, HOUR.plus(Duration.ofMinutes(70)), null, null, null));

        assertThat(rows).extracting(UsageRow::requests).containsExactly(5L);
        assertThat(reports.query(new UsageQuery(UsageGrouping.ORG, UsagePeriod.NONE, DAY_START,
                HOUR.plus(Duration.ofHours(1)), null, null, null))).extracting(UsageRow::requests)
                .containsExactly(4L);
    }

    @Test
    void filtersByOrganizationTeamAndUser() {
        assertThat(reports.query(new UsageQuery(UsageGrouping.USER, UsagePeriod.NONE, DAY_START, null,
                null, robotKey.teamId(), null))).extracting(UsageRow::group).containsExactly("service account ci");
        assertThat(reports.query(new UsageQuery(UsageGrouping.MODEL, UsagePeriod.NONE, DAY_START, null,
                aliceKey.orgId(), null, aliceKey.userId()))).extracting(UsageRow::group, UsageRow::requests)
                .containsExactly(tuple("gpt-4o", 2L), tuple("mini", 1L));
        assertThat(reports.query(new UsageQuery(UsageGrouping.MODEL, UsagePeriod.NONE, DAY_START, null,
                "org_elsewhere", null, null))).isEmpty();
    }

    @Test
    void refusesAWindowThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> new UsageQuery(UsageGrouping.ORG, UsagePeriod.DAY, HOUR, HOUR, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be after since");
    }

    private List<UsageRow> totals(Instant since, UsageGrouping by) {
        return reports.query(UsageQuery.totals(by, since));
    }

    private void store(KeyService keys, UsageEvent... events) {
        UsageBuffer buffer = new UsageBuffer(events.length);
        for (UsageEvent event : events) {
            buffer.offer(event);
        }
        new UsageWriter(database, buffer, keys, new UsageConfig(events.length, 1000, 100, UsageConfig.BATCHED,
                directory.resolve("spool").toString(), UsageConfig.DEFAULT_SPOOL_MAX_BYTES,
                UsageConfig.DEFAULT_RETENTION_DAYS)).close();
    }

    private static UsageEvent event(KeyRecord key, Instant time, String model, int status) {
        return new UsageEvent(Ids.next("req"), time, key.id(), key.orgId(), key.teamId(), key.userId(),
                key.serviceAccountId(), model, "sim/" + model, "/v1/chat/completions", status, 10, 5, 5, false, 100,
                null, 150);
    }
}

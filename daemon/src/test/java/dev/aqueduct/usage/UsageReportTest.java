package dev.aqueduct.usage;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(DatabaseKind.class)
class UsageReportTest {
    private static final Instant HOUR = Instant.parse("2026-05-01T10:00:00Z");

    @Parameter
    DatabaseKind kind;

    @TempDir
    Path directory;

    private Database database;
    private KeyRecord aliceKey;
    private KeyRecord robotKey;
    private UsageReport report;

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
        report = new UsageReport(database.jdbi());

        store(keys,
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
        assertThat(report.totals(HOUR, UsageGrouping.USER)).containsExactly(
                new UsageTotals("alice@example.com", 2, 1, 20, 10, 10, 200),
                new UsageTotals("service account ci", 2, 1, 20, 10, 10, 200));
    }

    @Test
    void sumsByModelBusiestFirst() {
        assertThat(report.totals(HOUR, UsageGrouping.MODEL)).extracting(UsageTotals::group, UsageTotals::requests)
                .containsExactly(tuple("gpt-4o", 3L),
                        tuple("mini", 1L));
    }

    @Test
    void sumsByKeyShowingPrefixAndName() {
        assertThat(report.totals(HOUR, UsageGrouping.KEY)).extracting(UsageTotals::group).containsExactlyInAnyOrder(
                aliceKey.prefix() + " laptop", robotKey.prefix() + " ci-key");
    }

    @Test
    void sumsByOrganizationAndTeam() {
        assertThat(report.totals(HOUR, UsageGrouping.ORG)).extracting(UsageTotals::group, UsageTotals::requests)
                .containsExactly(tuple("acme", 4L));
        assertThat(report.totals(HOUR, UsageGrouping.TEAM)).extracting(UsageTotals::group)
                .containsExactlyInAnyOrder("platform", "(no team)");
    }

    @Test
    void countsTheWholeHourTheWindowStartsIn() {
        Instant midHour = HOUR.plus(Duration.ofMinutes(30));

        assertThat(UsageReport.windowStart(midHour)).isEqualTo(HOUR);
        assertThat(report.totals(midHour, UsageGrouping.ORG)).extracting(UsageTotals::requests).containsExactly(4L);
        assertThat(report.totals(HOUR.minus(Duration.ofHours(5)), UsageGrouping.ORG))
                .extracting(UsageTotals::requests).containsExactly(5L);
    }

    @Test
    void findsNothingAfterTheLastHourWithUsage() {
        assertThat(report.totals(HOUR.plus(Duration.ofHours(2)), UsageGrouping.USER)).isEmpty();
    }

    private void store(KeyService keys, UsageEvent... events) {
        UsageBuffer buffer = new UsageBuffer(events.length);
        for (UsageEvent event : events) {
            buffer.offer(event);
        }
        new UsageWriter(database, buffer, keys, new UsageConfig(events.length, 1000, 100)).close();
    }

    private static UsageEvent event(KeyRecord key, Instant time, String model, int status) {
        return new UsageEvent(Ids.next("req"), time, key.id(), key.orgId(), key.teamId(), key.userId(),
                key.serviceAccountId(), model, "sim/" + model, "/v1/chat/completions", status, 10, 5, 5, false, 100,
                null, 150);
    }
}

package dev.aqueduct.oidc;

import dev.aqueduct.config.ConfigLoader;
import dev.aqueduct.config.GatewayConfig;
import dev.aqueduct.store.Database;
import dev.aqueduct.store.MutableClock;
import dev.aqueduct.store.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A gateway's sign-in as the daemon wires it: configuration loaded from YAML, a SQLite file in
 * the test's directory, a clock the test moves. Reads the identity tables back for assertions.
 */
final class SignInFixture implements AutoCloseable {
    static final String MAPPINGS = """
                group-mappings:
                  - pattern: "^acme-(?<org>[a-z0-9-]+)-admins$"
                    role: org_admin
                  - pattern: "^acme-(?<org>[a-z0-9-]+)$"
                  - pattern: "^acme-(?<org>[^:]+):(?<team>.+)-leads$"
                    team-admin: true
                  - pattern: "^acme-(?<org>[^:]+):(?<team>.+)$"
            """;

    final MutableClock clock = new MutableClock(Instant.now());
    final Database database;
    final OidcSignIn signIn;

    SignInFixture(Path directory, String issuer, boolean syncTeams) {
        this.database = TestDatabase.open(directory);
        GatewayConfig config = load(directory, """
                database: { url: "jdbc:sqlite:%s" }
                auth:
                  oidc:
                    issuer: "%s"
                    audience: %s
                    admin-group: aqueduct-admins
                    sync-teams: %s
                """.formatted(directory.resolve("test.db"), issuer, TestProvider.AUDIENCE, syncTeams) + MAPPINGS);
        this.signIn = OidcSignIn.fromConfig(config, database.jdbi(), clock).orElseThrow();
    }

    private static GatewayConfig load(Path directory, String yaml) {
        try {
            Path file = directory.resolve("aqueduct.yaml");
            Files.writeString(file, yaml);
            return new ConfigLoader(Map.of()).load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The id of the user a token signs in, failing the test with the reason when it signs in no one. */
    String signedIn(String token) {
        SignInOutcome outcome = signIn.signIn(token);
        if (outcome instanceof SignInOutcome.SignedIn in) {
            return in.userId();
        }
        throw new AssertionError("Expected a sign-in, got " + outcome);
    }

    /** The user's organizations as {@code name:role}, sorted. */
    List<String> orgs(String userId) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT o.name || ':' || m.role"
                        + " FROM org_members m JOIN organizations o ON o.id = m.org_id WHERE m.user_id = :user"
                        + " ORDER BY 1")
                .bind("user", userId).mapTo(String.class).list());
    }

    /** The user's teams as {@code org/team} with {@code (admin)} for team admins, sorted. */
    List<String> teams(String userId) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT o.name || '/' || t.name"
                        + " || CASE WHEN m.team_admin THEN ' (admin)' ELSE '' END FROM team_members m"
                        + " JOIN teams t ON t.id = m.team_id JOIN organizations o ON o.id = t.org_id"
                        + " WHERE m.user_id = :user ORDER BY 1")
                .bind("user", userId).mapTo(String.class).list());
    }

    boolean isAdmin(String userId) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT is_admin FROM users WHERE id = :id")
                .bind("id", userId).mapTo(Boolean.class).one());
    }

    String email(String userId) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT email FROM users WHERE id = :id")
                .bind("id", userId).mapTo(String.class).one());
    }

    long count(String table) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM " + table)
                .mapTo(Long.class).one());
    }

    void disable(String userId) {
        database.jdbi().useHandle(handle -> handle.createUpdate("UPDATE users SET disabled = TRUE WHERE id = :id")
                .bind("id", userId).execute());
    }

    @Override
    public void close() {
        signIn.close();
        database.close();
    }
}

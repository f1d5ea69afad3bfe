package dev.aqueduct.cli;

import dev.aqueduct.identity.IdentityService;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.store.Database;
import dev.aqueduct.usage.UsageReports;
import java.time.Clock;

/** The configured database and the services over it, for commands that work on it directly. */
final class LocalStore implements AutoCloseable {
    private final Database database;
    private final Clock clock;
    private final KeyService keys;
    private final IdentityService identity;

    private LocalStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.keys = new KeyService(database.jdbi(), clock);
        this.identity = new IdentityService(database.jdbi(), keys, clock);
    }

    /** Loads the configuration and opens (and migrates) its database. */
    static LocalStore open(ConfigOption config) {
        return new LocalStore(Database.open(config.loadForDatabase().database()), Clock.systemUTC());
    }

    Clock clock() {
        return clock;
    }

    KeyService keys() {
        return keys;
    }

    IdentityService identity() {
        return identity;
    }

    UsageReports usage() {
        return new UsageReports(database.jdbi());
    }

    @Override
    public void close() {
        database.close();
    }
}

/** The database: connection pool, migrations and Jdbi setup for SQLite and PostgreSQL. */
@NullMarked
package dev.aqueduct.store;

import org.jspecify.annotations.NullMarked;

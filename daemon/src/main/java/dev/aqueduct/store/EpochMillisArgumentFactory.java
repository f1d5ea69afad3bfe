package dev.aqueduct.store;

import java.sql.Types;
import java.time.Instant;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/** Binds an {@link Instant} as BIGINT milliseconds since the epoch, the one time type of our schema. */
final class EpochMillisArgumentFactory extends AbstractArgumentFactory<Instant> {
    EpochMillisArgumentFactory() {
        super(Types.BIGINT);
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
        long millis = value.toEpochMilli();
        return (position, statement, context) -> statement.setLong(position, millis);
    }
}

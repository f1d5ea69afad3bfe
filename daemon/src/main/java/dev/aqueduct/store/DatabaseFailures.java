package dev.aqueduct.store;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Tells a database that is down, busy or out of connections (worth a retry later) from a
 * failure that retrying cannot cure.
 */
public final class DatabaseFailures {
    private DatabaseFailures() {
    }

    /** Whether {@code failure}, or one of its causes, says the database is unavailable for now. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLiteException sqlite && isBusy(sqlite.getResultCode())) {
                return true;
            }
            if (cause instanceof SQLException sql && isUnavailableState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBusy(SQLiteErrorCode code) {
        return code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED
                || code.name().startsWith("SQLITE_BUSY_") || code.name().startsWith("SQLITE_LOCKED_");
    }

    /** Connection exceptions (class 08), insufficient resources (53) and an operator's shutdown (57P). */
    private static boolean isUnavailableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P"));
    }
}

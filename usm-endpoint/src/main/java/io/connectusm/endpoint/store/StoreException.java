package io.connectusm.endpoint.store;

import java.sql.SQLException;

/**
 * A database failure. The message is the SQL state, never row values; the cause is kept for the log. The few
 * states a caller reacts to (a unique-key race, a row whose parent was deleted meanwhile) have predicates;
 * everything else is an outage, answered as a generic 500 by the API.
 */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sqlState;

    StoreException(SQLException cause) {
        super("database error (SQL state " + cause.getSQLState() + ")", cause);
        this.sqlState = cause.getSQLState();
    }

    /** A failure of a library over JDBC (e.g. a migration); its SQL state, if a {@link SQLException} is behind it. */
    StoreException(String what, RuntimeException cause) {
        super(what + ": " + cause.getMessage(), cause);
        this.sqlState = sqlStateIn(cause);
    }

    private static String sqlStateIn(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** The SQL state, or {@code null} when none is known. */
    public String sqlState() {
        return sqlState;
    }

    /** A unique-key race, e.g. two registrations of the same cluster at once. */
    public boolean isUniqueViolation() {
        return "23505".equals(sqlState);
    }

    /** H2 refused to open the file because another process holds its lock (a running endpoint). */
    boolean isDatabaseInUse() {
        return "90020".equals(sqlState);
    }

    /** A row refers to one that was deleted meanwhile (e.g. a deregistration raced an event batch). */
    public boolean isForeignKeyViolation() {
        return "23506".equals(sqlState) || "23503".equals(sqlState);
    }
}

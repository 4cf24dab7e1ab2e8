package io.connectusm.endpoint;

import java.sql.SQLException;

/**
 * A database failure that no caller caused: 500 with a generic detail. The message is the SQL state, never
 * row values; the cause is kept for the log.
 */
final class StoreException extends UsmApiException {

    private static final long serialVersionUID = 1L;

    private final String sqlState;

    StoreException(SQLException cause) {
        super(500, "internal_error", "database error (SQL state " + cause.getSQLState() + ")", cause);
        this.sqlState = cause.getSQLState();
    }

    /** A unique-key race that the stores translate to 409. */
    boolean isUniqueViolation() {
        return "23505".equals(sqlState);
    }

    /** H2 refused to open the file because another process holds its lock (a running endpoint). */
    boolean isDatabaseInUse() {
        return "90020".equals(sqlState);
    }

    /** A row refers to one that was deleted meanwhile (e.g. a deregistration raced an event batch). */
    boolean isForeignKeyViolation() {
        return "23506".equals(sqlState) || "23503".equals(sqlState);
    }
}

package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What differs between the two databases the store runs on, and nothing else: where Flyway finds each one's
 * scripts, how to insert a row unless its key exists without aborting the transaction, and how to move an
 * identity column on after rows were copied in with their own values. All other SQL of the store is the same on
 * both. Stateless.
 */
enum Dialect {

    /** The embedded H2 file: one process. A failed statement does not abort the transaction. */
    H2("h2") {
        @Override
        boolean insertIfAbsent(Connection c, String insert, Binder binder) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                binder.bind(ps);
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        }

        @Override
        void restartIdentity(Connection c, String table, String column, long next) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " RESTART WITH " + next);
            }
        }
    },

    /** A PostgreSQL server, shared by every replica. Any failed statement aborts the transaction. */
    POSTGRESQL("postgresql") {
        @Override
        boolean insertIfAbsent(Connection c, String insert, Binder binder) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(insert + " ON CONFLICT DO NOTHING")) {
                binder.bind(ps);
                return ps.executeUpdate() == 1;
            }
        }

        @Override
        void restartIdentity(Connection c, String table, String column, long next) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), ?, false)")) {
                ps.setString(1, table);
                ps.setString(2, column);
                ps.setLong(3, next);
                ps.execute();
            }
        }
    };

    static final String UNIQUE_VIOLATION = "23505";

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** The dialect of a JDBC URL the store accepts, or {@code null} for any other. */
    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:file:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        return null;
    }

    /** The folder, under the migrations' location, of the scripts written for this database alone. */
    String migrationFolder() {
        return folder;
    }

    /**
     * Runs {@code insert} (an {@code INSERT INTO … VALUES …} without a conflict clause) unless a row with the same
     * key exists or is being inserted by a concurrent transaction that then commits; whether this one inserted.
     * Either way the transaction stays usable.
     */
    abstract boolean insertIfAbsent(Connection c, String insert, Binder binder) throws SQLException;

    /** Makes the next generated value of {@code table.column} be {@code next}. */
    abstract void restartIdentity(Connection c, String table, String column, long next) throws SQLException;

    /** Binds the parameters of a prepared statement. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}

package io.connectusm.endpoint.store;

import io.connectusm.support.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The endpoint's database: the embedded H2 file under the data directory, its schema brought up to date by
 * {@link Migrations} at open, and transactions over pooled connections. Everything else in the store reaches
 * JDBC through {@link #inTransaction}. Thread-safe. Lifecycle: {@link #open(Path)} … {@link #close()}. H2 holds
 * a file lock, so one endpoint process owns a data directory at a time.
 */
public final class Database implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 32;

    private final JdbcConnectionPool pool;

    private Database(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    /**
     * Opens (creating if missing) the database file under {@code dataDir} and migrates its schema.
     *
     * @throws DatabaseInUseException when another process (a running endpoint) holds the file
     * @throws StoreException         when it cannot be opened or migrated for another reason
     */
    public static Database open(Path dataDir) {
        ownerOnly(dataDir, true);
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("usm-endpoint")
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "usm", "");
        pool.setMaxConnections(MAX_CONNECTIONS);
        try {
            Migrations.migrate(pool);
        } catch (StoreException e) {
            pool.dispose();
            throw e.isDatabaseInUse() ? new DatabaseInUseException(dataDir) : e;
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
        ownerOnly(dataDir, false);
        return new Database(pool);
    }

    /** The data directory (before the open) or the database files in it (after) narrowed to the owner only. */
    private static void ownerOnly(Path dataDir, boolean directory) {
        try {
            if (directory) {
                OwnerOnlyFiles.directory(dataDir);
            } else {
                OwnerOnlyFiles.filesIn(dataDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make data directory " + dataDir + " owner-only", e);
        }
    }

    /** Runs {@code work} in one transaction, committing on success and rolling back on any exception. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @Override
    public void close() {
        // No SHUTDOWN statement: within one JVM, H2 shares a file database between everyone who opened it
        // (e.g. the quickstart's endpoint and an ApiKeys handle); it closes the file when the last
        // connection goes, which dispose() ensures for ours.
        pool.dispose();
    }

    /** A unit of JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}

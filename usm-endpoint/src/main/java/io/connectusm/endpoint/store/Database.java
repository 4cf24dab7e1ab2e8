package io.connectusm.endpoint.store;

import io.connectusm.support.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The endpoint's database: an H2 file (the default, one endpoint process) or a PostgreSQL server (several endpoint
 * replicas), its schema brought up to date by {@link Migrations} at open, and transactions over a HikariCP pool.
 * Everything else in the store reaches JDBC through {@link #inTransaction}.
 *
 * <p>A transaction that the database rolled back to break a deadlock or a serialization conflict between replicas
 * (SQL states {@code 40001}, {@code 40P01}) is run again, a few times, from the start: every unit of work is a
 * function of what it reads, so a rerun is safe. {@link #inWriteTransaction} is for the writes that read then
 * write many rows (event batches): on PostgreSQL they run concurrently (the writes are conditional, see
 * {@link ConnectorRows}); on H2, whose file one process owns, they run one at a time per file, as H2 breaks a
 * deadlock between two inserts only by its lock timeout. Thread-safe. Lifecycle: {@link #open} … {@link #close()}.
 * H2 holds a file lock, so one endpoint process owns an H2 file at a time; PostgreSQL has no such limit.
 */
public final class Database implements AutoCloseable {

    private static final int ATTEMPTS = 5;
    /** One write lock per H2 file (by URL), shared by every handle on it in this process. */
    private static final Map<String, ReentrantLock> H2_WRITES = new ConcurrentHashMap<>();

    private final HikariDataSource pool;
    private final DatabaseSettings settings;

    private Database(HikariDataSource pool, DatabaseSettings settings) {
        this.pool = pool;
        this.settings = settings;
    }

    /** Opens (creating if missing) the H2 file under {@code dataDir}; see {@link #open(DatabaseSettings)}. */
    public static Database open(Path dataDir) {
        return openIn(dataDir, DatabaseSettings.h2(dataDir));
    }

    /**
     * Opens {@code settings}' H2 file, which lies in {@code dataDir}: the directory is created (or narrowed)
     * owner-only before, and the database files in it narrowed after, since they hold the fleet's configurations.
     */
    public static Database openIn(Path dataDir, DatabaseSettings settings) {
        ownerOnly(dataDir, true);
        Database database = open(settings);
        ownerOnly(dataDir, false);
        return database;
    }

    /**
     * Connects (an H2 file is created if missing, its directory must exist) and migrates the schema.
     *
     * @throws DatabaseInUseException when another process (a running endpoint) holds the H2 file
     * @throws StoreException         when it cannot be opened or migrated for another reason
     */
    public static Database open(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("usm-endpoint-db");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setConnectionTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw opening(settings, new StoreException("cannot connect to " + settings.describe(), e));
        }
        try {
            Migrations.migrate(pool, settings.dialect());
        } catch (StoreException e) {
            pool.close();
            throw opening(settings, e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, settings);
    }

    private static RuntimeException opening(DatabaseSettings settings, StoreException e) {
        return e.isDatabaseInUse() ? new DatabaseInUseException(settings.location()) : e;
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
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (SQLException e) {
                if (attempt == ATTEMPTS || !isTransient(e)) {
                    throw new StoreException(e);
                }
                pause(attempt);
            }
        }
    }

    private <T> T once(SqlWork<T> work) throws SQLException {
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
        }
    }

    /**
     * {@link #inTransaction} for a batch of reads-then-writes over many rows: concurrent on PostgreSQL, one at a
     * time per H2 file.
     */
    public <T> T inWriteTransaction(SqlWork<T> work) {
        if (!settings.embedded()) {
            return inTransaction(work);
        }
        ReentrantLock lock = H2_WRITES.computeIfAbsent(settings.url(), url -> new ReentrantLock());
        lock.lock();
        try {
            return inTransaction(work);
        } finally {
            lock.unlock();
        }
    }

    /** Rolled back by the database to let a concurrent transaction through: worth running again. */
    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    /** A short random pause, longer with each attempt, so two replicas that collided do not collide again. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a transaction", new IllegalStateException(e));
        }
    }

    /** Where this database is, for log lines (no password). */
    public String describe() {
        return settings.describe();
    }

    /** Whether this is the embedded H2 file rather than a server several replicas share. */
    public boolean embedded() {
        return settings.embedded();
    }

    Dialect dialect() {
        return settings.dialect();
    }

    @Override
    public void close() {
        // No SHUTDOWN statement: within one JVM, H2 shares a file database between everyone who opened it
        // (e.g. the quickstart's endpoint and an ApiKeys handle); it closes the file when the last
        // connection goes, which closing the pool ensures for ours.
        pool.close();
    }

    /** A unit of JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}

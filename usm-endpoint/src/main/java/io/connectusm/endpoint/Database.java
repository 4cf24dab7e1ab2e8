package io.connectusm.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded H2 database file under the data directory, with versioned schema migrations applied at open
 * ({@code db/V<n>__*.sql}, recorded in {@code schema_version}; each runs once, in order, in its own
 * transaction). Thread-safe: hands out pooled connections. Lifecycle: {@link #open(Path)} … {@link #close()}.
 * H2 holds a file lock, so one endpoint process owns a data directory at a time.
 */
final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** Migrations in order; append, never edit a released one. */
    static final List<String> MIGRATIONS = List.of("V1__registrations_connectors_keys.sql",
            "V2__worker_plugins.sql");

    private final JdbcConnectionPool pool;

    private Database(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    static Database open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        }
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("usm-endpoint")
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "usm", "");
        pool.setMaxConnections(32);
        Database db = new Database(pool);
        try {
            db.migrate();
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
        return db;
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Runs {@code work} in one transaction, committing on success and rolling back on any exception. */
    <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = connection()) {
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

    private void migrate() {
        inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, "
                        + "script VARCHAR(255) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            return null;
        });
        int current = inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        for (int version = current + 1; version <= MIGRATIONS.size(); version++) {
            String script = MIGRATIONS.get(version - 1);
            // Comments go first: a ';' inside a comment must not split a statement.
            String sql = stripComments(readScript(script));
            int v = version;
            inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String statement : sql.split(";")) {
                        if (!statement.isBlank()) {
                            s.execute(statement.strip());
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
                    ps.setInt(1, v);
                    ps.setString(2, script);
                    ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                    ps.executeUpdate();
                }
                return null;
            });
            log.info("applied schema migration {}", script);
        }
    }

    private static String stripComments(String statement) {
        StringBuilder out = new StringBuilder();
        for (String line : statement.split("\n")) {
            if (!line.strip().startsWith("--")) {
                out.append(line).append('\n');
            }
        }
        return out.toString().strip();
    }

    private static String readScript(String name) {
        try (InputStream in = Database.class.getResourceAsStream("db/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration script db/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}

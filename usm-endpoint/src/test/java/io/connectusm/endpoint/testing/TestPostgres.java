package io.connectusm.endpoint.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.opentest4j.TestAbortedException;

import io.connectusm.endpoint.store.DatabaseSettings;

/**
 * The PostgreSQL server of the tests: the throwaway one {@code bin/verify} starts and describes in
 * {@code USM_TEST_POSTGRES_URL} (its {@code postgres} maintenance database), {@code USM_TEST_POSTGRES_USER} and
 * {@code USM_TEST_POSTGRES_PASSWORD}. Each test gets databases of its own ({@link #createDatabase()}), dropped when
 * it is done. When no server is described, a test that needs one is skipped, saying why, or fails when the build
 * was run with {@code -Drequire.postgres=true} (as CI does). Stateless.
 */
public final class TestPostgres {

    public static final String URL_ENV = "USM_TEST_POSTGRES_URL";
    public static final String USER_ENV = "USM_TEST_POSTGRES_USER";
    public static final String PASSWORD_ENV = "USM_TEST_POSTGRES_PASSWORD";
    public static final String REQUIRE_PROPERTY = "require.postgres";

    private TestPostgres() {
    }

    /** Whether a test server is described in the environment. */
    public static boolean available() {
        String url = System.getenv(URL_ENV);
        return url != null && !url.isEmpty();
    }

    /** Why a PostgreSQL test does not run. */
    public static final String MISSING = "no PostgreSQL server for the tests: " + URL_ENV + " is not set "
            + "(bin/verify starts one when /usr/lib/postgresql/*/bin exists)";

    /** Whether the build said PostgreSQL tests must run ({@code -Drequire.postgres=true}). */
    public static boolean required() {
        return Boolean.getBoolean(REQUIRE_PROPERTY);
    }

    /** Returns when a server is there; otherwise skips the caller, or fails it when PostgreSQL is required. */
    public static void assumeAvailable() {
        if (available()) {
            return;
        }
        if (required()) {
            throw new AssertionError(MISSING + ", and -D" + REQUIRE_PROPERTY + "=true requires it");
        }
        throw new TestAbortedException(MISSING);
    }

    /** A new, empty database on the test server, owned by the test user: drop it with {@link #drop}. */
    public static DatabaseSettings createDatabase() {
        assumeAvailable();
        String name = "usm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        return DatabaseSettings.of(urlOf(name), user(), password(), 10);
    }

    /** Drops a database {@link #createDatabase()} made, closing what is still connected to it. */
    public static void drop(DatabaseSettings database) {
        String url = database.url();
        String name = url.substring(url.lastIndexOf('/') + 1);
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** The JDBC URL of database {@code name} on the test server. */
    public static String urlOf(String name) {
        String maintenance = System.getenv(URL_ENV);
        return maintenance.substring(0, maintenance.lastIndexOf('/') + 1) + name;
    }

    public static String user() {
        return System.getenv(USER_ENV);
    }

    public static String password() {
        return System.getenv(PASSWORD_ENV);
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(System.getenv(URL_ENV), user(), password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test PostgreSQL: " + sql + ": " + e.getMessage(), e);
        }
    }
}

package io.connectusm.endpoint.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the endpoint's database is and how to log in to it: a JDBC URL, either an H2 file ({@code jdbc:h2:file:…},
 * the zero-setup default, one endpoint process) or a PostgreSQL server ({@code jdbc:postgresql://…}, shared by
 * several endpoint replicas), the user, the password (already resolved from wherever it is kept; never in
 * {@link #toString()}) and the largest number of pooled connections. Immutable.
 */
public final class DatabaseSettings {

    /** The H2 user of a database under a data directory; H2 files need no password. */
    public static final String DEFAULT_USER = "usm";
    /** The default size of the connection pool. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** The name of the H2 file under a data directory (H2 adds {@code .mv.db}). */
    static final String H2_FILE = "usm-endpoint";
    /**
     * What the store adds to an H2 URL that does not set it: the file stays open while pooled, locks wait 10 s, and
     * each commit is written to the file before it returns (H2's default waits up to 0.5 s, so a killed process
     * lost batches it had acknowledged: H2DurabilityIT).
     */
    private static final String[] H2_DEFAULTS = {"DB_CLOSE_ON_EXIT=FALSE", "LOCK_TIMEOUT=10000", "WRITE_DELAY=0"};

    private final String url;
    private final String user;
    private final String password;
    private final int maxPoolSize;
    private final Dialect dialect;
    private final String location;

    private DatabaseSettings(String url, String user, String password, int maxPoolSize, String location) {
        this.dialect = Dialect.of(Objects.requireNonNull(url, "url"));
        if (dialect == null) {
            throw new IllegalArgumentException("database URL must start with jdbc:h2:file: or jdbc:postgresql:");
        }
        if (url.toLowerCase(Locale.ROOT).contains("password=")) {
            throw new IllegalArgumentException("database URL must not hold a password; give it on its own");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1");
        }
        this.url = dialect == Dialect.H2 ? withH2Defaults(url) : url;
        this.user = user == null ? "" : user;
        this.password = password == null ? "" : password;
        this.maxPoolSize = maxPoolSize;
        this.location = location == null ? describe() : location;
    }

    /**
     * @param url         {@code jdbc:h2:file:…} or {@code jdbc:postgresql:…}, with no password in it
     * @param user        the database user
     * @param password    the user's password, resolved ({@code null}: none)
     * @param maxPoolSize the most connections to keep open
     * @throws IllegalArgumentException for another kind of URL, a password in the URL, or a pool size below 1
     */
    public static DatabaseSettings of(String url, String user, String password, int maxPoolSize) {
        return new DatabaseSettings(url, user, password, maxPoolSize, null);
    }

    /** The H2 file {@code usm-endpoint.mv.db} under {@code dataDir}: the default database. */
    public static DatabaseSettings h2(Path dataDir) {
        return h2(dataDir, DEFAULT_POOL_SIZE);
    }

    /** The H2 file under {@code dataDir} with a pool of {@code maxPoolSize}. */
    public static DatabaseSettings h2(Path dataDir, int maxPoolSize) {
        return new DatabaseSettings(h2Url(dataDir), DEFAULT_USER, "", maxPoolSize, "under " + dataDir);
    }

    /** The JDBC URL of the H2 file under {@code dataDir}. */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(H2_FILE);
    }

    private static String withH2Defaults(String url) {
        StringBuilder out = new StringBuilder(url);
        String upper = url.toUpperCase(Locale.ROOT);
        for (String setting : H2_DEFAULTS) {
            if (!upper.contains(";" + setting.substring(0, setting.indexOf('=') + 1))) {
                out.append(';').append(setting);
            }
        }
        return out.toString();
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    String password() {
        return password;
    }

    public int maxPoolSize() {
        return maxPoolSize;
    }

    /** Whether this is the embedded H2 file (one process) rather than a server several replicas share. */
    public boolean embedded() {
        return dialect == Dialect.H2;
    }

    Dialect dialect() {
        return dialect;
    }

    /** The URL up to its first {@code ;} or {@code ?} and the user: what a log line or an error may name. */
    public String describe() {
        int cut = url.length();
        for (char c : new char[] {';', '?'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return url.substring(0, cut) + (user.isEmpty() ? "" : " as " + user);
    }

    /** Where the database is, as an error message names it: {@code under DIR} for a data directory, else
     *  {@link #describe()}. */
    String location() {
        return location;
    }

    @Override
    public String toString() {
        return describe() + " (password [hidden])";
    }
}

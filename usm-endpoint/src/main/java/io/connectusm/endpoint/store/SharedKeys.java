package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secret keys that every endpoint replica on the database must use alike, kept in the table
 * {@code endpoint_secrets}: so a web session signed by one replica, or a form token it issued, is good on every
 * other one, and survives restarts. A key is 32 random bytes, created by whichever replica asks for it first (the
 * others then read that one; concurrent first requests yield one key) and never changed afterwards; to rotate one,
 * delete its row while every replica is stopped. Keys never leave the process otherwise: not logged, not in any
 * response.
 *
 * <p>Thread-safe; each key is read from the database once per process, then kept in memory.
 */
public final class SharedKeys {

    /** The key that signs web-session cookies. */
    public static final String SESSION_SIGNING = "session-signing";
    /** The key that signs the console's anti-CSRF form tokens. */
    public static final String CSRF_SIGNING = "csrf-signing";

    static final int KEY_BYTES = 32;

    private final Database database;
    private final IdGenerator ids;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public SharedKeys(Database database, IdGenerator ids) {
        this.database = database;
        this.ids = ids;
    }

    /** The key that signs web sessions; the same on every replica. A copy: the caller may wipe it. */
    public byte[] sessionSigningKey() {
        return key(SESSION_SIGNING);
    }

    /** The key that signs anti-CSRF form tokens; the same on every replica. A copy. */
    public byte[] csrfSigningKey() {
        return key(CSRF_SIGNING);
    }

    /**
     * The shared key named {@code name} (at most 64 characters), created now if no replica has created it yet.
     * A copy.
     */
    public byte[] key(String name) {
        if (name.isEmpty() || name.length() > 64) {
            throw new IllegalArgumentException("a key name has 1 to 64 characters");
        }
        return cache.computeIfAbsent(name, this::loadOrCreate).clone();
    }

    private byte[] loadOrCreate(String name) {
        Dialect dialect = database.dialect();
        return database.inTransaction(c -> Races.untilWon("shared key " + name, () -> {
            byte[] stored = read(c, name);
            if (stored != null) {
                return stored;
            }
            String candidate = Base64.getEncoder().encodeToString(ids.bytes(KEY_BYTES));
            dialect.insertIfAbsent(c, "INSERT INTO endpoint_secrets (name, secret_value, created_at) VALUES (?,?,?)",
                    ps -> {
                        ps.setString(1, name);
                        ps.setString(2, candidate);
                        ps.setObject(3, Sql.utc(Instant.now().truncatedTo(ChronoUnit.MICROS)));
                    });
            // Ours, or the one a concurrent replica committed first: either way the one everybody uses.
            return read(c, name);
        }));
    }

    private static byte[] read(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT secret_value FROM endpoint_secrets WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Base64.getDecoder().decode(rs.getString(1)) : null;
            }
        }
    }
}

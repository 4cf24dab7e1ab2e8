package io.connectusm.endpoint;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The API keys of the endpoint: create (the secret is returned once and stored only as a salted
 * PBKDF2WithHmacSHA256 hash), list, delete, and verify.
 *
 * <p>Why a verification cache: a slow hash on every request would cost each call a large fraction of a
 * second. After one successful slow verification, the key maps to an HMAC of the secret under a random
 * per-process key (memory only, never stored), so later requests compare in microseconds; deleting the key
 * drops the entry. Failed attempts always pay the slow hash, unknown keys included (against a dummy salt),
 * so timing does not tell which keys exist.
 *
 * <p>Thread-safe. Lifecycle: obtained from {@link UsmEndpoint#apiKeys()} (shares the running endpoint's
 * database) or {@link #open(EndpointConfig)} (owns the database file; close it; the endpoint must not be
 * running on the same data directory, as H2 locks the file).
 */
public final class ApiKeys implements AutoCloseable {

    private static final int SALT_BYTES = 16;

    private final Database database;
    private final boolean ownsDatabase;
    private final int iterations;
    private final IdGenerator ids = new IdGenerator();
    private final byte[] cacheKey;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final byte[] dummySalt;

    ApiKeys(Database database, boolean ownsDatabase, int iterations) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.iterations = iterations;
        this.cacheKey = ids.bytes(32);
        this.dummySalt = ids.bytes(SALT_BYTES);
    }

    /**
     * Opens the endpoint's database directly, e.g. to bootstrap the first admin key before the first start.
     *
     * @throws DatabaseInUseException when a running endpoint process holds the database file
     * @throws IllegalStateException  when the database cannot be opened for another reason
     */
    public static ApiKeys open(EndpointConfig config) {
        Database database;
        try {
            database = Database.open(config.dataDir());
        } catch (StoreException e) {
            if (e.isDatabaseInUse()) {
                throw new DatabaseInUseException(config.dataDir());
            }
            throw new IllegalStateException("cannot open the endpoint database under " + config.dataDir()
                    + ": " + e.getMessage(), e);
        } catch (UsmApiException e) {
            throw new IllegalStateException("cannot open the endpoint database under " + config.dataDir()
                    + ": " + e.getMessage(), e);
        }
        return new ApiKeys(database, true, config.apiKeyHashIterations());
    }

    /** Creates a key; the returned secret is the only copy that will ever exist. */
    public ApiKeyCredentials create(ApiRole role, String description) {
        String key = ids.apiKeyId();
        char[] secret = ids.apiSecret();
        byte[] salt = ids.bytes(SALT_BYTES);
        byte[] hash = SecretHasher.hash(secret, salt, iterations);
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_keys "
                    + "(key_id, role, salt, secret_hash, iterations, description, created_at) VALUES (?,?,?,?,?,?,?)")) {
                ps.setString(1, key);
                ps.setString(2, role.name());
                ps.setBytes(3, salt);
                ps.setBytes(4, hash);
                ps.setInt(5, iterations);
                ps.setString(6, description == null ? "" : description);
                ps.setObject(7, OffsetDateTime.now(ZoneOffset.UTC));
                return ps.executeUpdate();
            }
        });
        String secretString = new String(secret);
        Arrays.fill(secret, '\0');
        return new ApiKeyCredentials(key, secretString, role);
    }

    /** Every key, oldest first; never secrets or hashes. */
    public List<ApiKeyInfo> list() {
        return database.inTransaction(c -> {
            List<ApiKeyInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT key_id, role, description, created_at FROM api_keys ORDER BY created_at, key_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ApiKeyInfo(rs.getString(1), ApiRole.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant()));
                }
            }
            return out;
        });
    }

    /** One key as listed, if it exists. */
    Optional<ApiKeyInfo> info(String key) {
        return list().stream().filter(k -> k.key().equals(key)).findFirst();
    }

    /** Deletes a key; {@code false} when there was none. Requests with it fail from now on. */
    public boolean delete(String key) {
        int rows = database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_keys WHERE key_id = ?")) {
                ps.setString(1, key);
                return ps.executeUpdate();
            }
        });
        verified.remove(key);
        return rows > 0;
    }

    /** The key's role when the secret is right, else empty. Slow on a miss; call off the event loop. */
    Optional<ApiRole> authenticate(String key, char[] secret) {
        byte[] mac = mac(secret);
        Verified cached = verified.get(key);
        if (cached != null && MessageDigest.isEqual(cached.mac, mac)) {
            return Optional.of(cached.role);
        }
        StoredKey stored = database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT role, salt, secret_hash, iterations FROM api_keys WHERE key_id = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new StoredKey(ApiRole.valueOf(rs.getString(1)), rs.getBytes(2), rs.getBytes(3),
                            rs.getInt(4)) : null;
                }
            }
        });
        if (stored == null) {
            SecretHasher.hash(secret, dummySalt, iterations); // same cost as a real miss
            return Optional.empty();
        }
        if (!SecretHasher.matches(secret, stored.salt, stored.iterations, stored.hash)) {
            return Optional.empty();
        }
        verified.put(key, new Verified(stored.role, mac));
        return Optional.of(stored.role);
    }

    private byte[] mac(char[] secret) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            byte[] out = hmac.doFinal(bytes);
            Arrays.fill(bytes, (byte) 0);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public void close() {
        if (ownsDatabase) {
            database.close();
        }
    }

    private record StoredKey(ApiRole role, byte[] salt, byte[] hash, int iterations) {
    }

    private record Verified(ApiRole role, byte[] mac) {
    }

}

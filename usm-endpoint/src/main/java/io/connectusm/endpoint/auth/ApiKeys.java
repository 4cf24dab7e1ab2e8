package io.connectusm.endpoint.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.connectusm.endpoint.store.ApiKeyRows;
import io.connectusm.endpoint.store.Database;
import io.connectusm.endpoint.store.IdGenerator;

/**
 * The API keys of the endpoint: create (the secret is returned once and stored only as a salted
 * PBKDF2WithHmacSHA256 hash), list, delete, and verify.
 *
 * <p>Why a verification cache: a slow hash on every request would cost each call a large fraction of a
 * second. After one successful slow verification, the key maps to an HMAC of the secret under a random
 * per-process key (memory only, never stored), so later requests compare in microseconds; deleting the key
 * drops the entry. Other replicas on the same database delete keys too: an entry older than
 * {@link #REVALIDATE_AFTER} is checked against the key's row again (one indexed read, no slow hash), so a key
 * deleted anywhere is refused everywhere within that time. Failed attempts always pay the slow hash, unknown keys
 * included (against a dummy salt), so timing does not tell which keys exist.
 *
 * <p>Thread-safe. Lifecycle: obtained from {@code UsmEndpoint.apiKeys()} (shares the running endpoint's
 * database) or {@code UsmEndpoint.openApiKeys(config)} (owns the database; close it).
 */
public final class ApiKeys implements AutoCloseable {

    private static final int SALT_BYTES = 16;
    /** How long a cached verification stands before the key's row is read again. */
    public static final Duration REVALIDATE_AFTER = Duration.ofSeconds(5);

    private final Database database;
    private final boolean ownsDatabase;
    private final ApiKeyRows rows;
    private final int iterations;
    private final IdGenerator ids = new IdGenerator();
    private final byte[] cacheKey;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final byte[] dummySalt;
    private final LongSupplier nanoTime;

    private ApiKeys(Database database, boolean ownsDatabase, int iterations) {
        this(database, ownsDatabase, iterations, System::nanoTime);
    }

    /** With a monotonic clock of its own (tests). */
    ApiKeys(Database database, boolean ownsDatabase, int iterations, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.rows = new ApiKeyRows(database);
        this.iterations = iterations;
        this.cacheKey = ids.bytes(32);
        this.dummySalt = ids.bytes(SALT_BYTES);
    }

    /** The keys in a database someone else owns (and closes). */
    public static ApiKeys over(Database database, int hashIterations) {
        return new ApiKeys(database, false, hashIterations);
    }

    /** The keys in a database this object owns: {@link #close()} closes it. */
    public static ApiKeys owning(Database database, int hashIterations) {
        return new ApiKeys(database, true, hashIterations);
    }

    /** Creates a key; the returned secret is the only copy that will ever exist. */
    public ApiKeyCredentials create(ApiRole role, String description) {
        String key = ids.apiKeyId();
        char[] secret = ids.apiSecret();
        byte[] salt = ids.bytes(SALT_BYTES);
        byte[] hash = SecretHasher.hash(secret, salt, iterations);
        rows.insert(new ApiKeyRows.Row(key, role.name(), salt, hash, iterations, description == null ? ""
                : description, Instant.now().truncatedTo(ChronoUnit.MICROS)));
        String secretString = new String(secret);
        Arrays.fill(secret, '\0');
        return new ApiKeyCredentials(key, secretString, role);
    }

    /** Every key, oldest first; never secrets or hashes. */
    public List<ApiKeyInfo> list() {
        return rows.list().stream().map(ApiKeys::info).toList();
    }

    /** One key as listed, if it exists. */
    public Optional<ApiKeyInfo> info(String key) {
        return list().stream().filter(k -> k.key().equals(key)).findFirst();
    }

    private static ApiKeyInfo info(ApiKeyRows.Row row) {
        return new ApiKeyInfo(row.keyId(), ApiRole.valueOf(row.role()), row.description(), row.createdAt());
    }

    /** Deletes a key; {@code false} when there was none. Requests with it fail from now on. */
    public boolean delete(String key) {
        boolean deleted = rows.delete(key);
        verified.remove(key);
        return deleted;
    }

    /** The key's role when the secret is right, else empty. Slow on a miss; call off the event loop. */
    Optional<ApiRole> authenticate(String key, char[] secret) {
        byte[] mac = mac(secret);
        Verified cached = verified.get(key);
        if (cached != null && MessageDigest.isEqual(cached.mac, mac)) {
            if (nanoTime.getAsLong() - cached.verifiedAt < REVALIDATE_AFTER.toNanos()) {
                return Optional.of(cached.role);
            }
            Optional<ApiKeyRows.Row> row = rows.find(key);
            if (row.isPresent() && MessageDigest.isEqual(row.get().secretHash(), cached.secretHash)) {
                ApiRole role = ApiRole.valueOf(row.get().role());
                verified.put(key, new Verified(role, mac, cached.secretHash, nanoTime.getAsLong()));
                return Optional.of(role);
            }
            verified.remove(key); // deleted (or replaced) on some replica: check it the slow way, like any other
        }
        Optional<ApiKeyRows.Row> stored = rows.find(key);
        if (stored.isEmpty()) {
            SecretHasher.hash(secret, dummySalt, iterations); // same cost as a real miss
            return Optional.empty();
        }
        ApiKeyRows.Row row = stored.get();
        if (!SecretHasher.matches(secret, row.salt(), row.iterations(), row.secretHash())) {
            return Optional.empty();
        }
        ApiRole role = ApiRole.valueOf(row.role());
        verified.put(key, new Verified(role, mac, row.secretHash(), nanoTime.getAsLong()));
        return Optional.of(role);
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

    /** A verified secret: its role, its HMAC, the stored hash it was checked against, and when. */
    private record Verified(ApiRole role, byte[] mac, byte[] secretHash, long verifiedAt) {
    }
}

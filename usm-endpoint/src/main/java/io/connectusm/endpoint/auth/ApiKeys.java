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
import io.connectusm.endpoint.store.ApiKeyScopeRows;
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
    private final ApiKeyScopeRows scopes;
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
        this.scopes = new ApiKeyScopeRows(database);
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

    /** Creates an unscoped key; the returned secret is the only copy that will ever exist. */
    public ApiKeyCredentials create(ApiRole role, String description) {
        return create(role, description, KeyScope.UNSCOPED);
    }

    /**
     * Creates a key limited to {@code scope} (only {@code agent} keys may be scoped); the returned secret is the
     * only copy that will ever exist.
     *
     * @throws IllegalArgumentException for a scoped key of another role
     */
    public ApiKeyCredentials create(ApiRole role, String description, KeyScope scope) {
        if (scope.isScoped() && role != ApiRole.AGENT) {
            throw new IllegalArgumentException("only agent keys can be scoped to an environment");
        }
        String key = ids.apiKeyId();
        char[] secret = ids.apiSecret();
        byte[] salt = ids.bytes(SALT_BYTES);
        byte[] hash = SecretHasher.hash(secret, salt, iterations);
        rows.insert(new ApiKeyRows.Row(key, role.name(), salt, hash, iterations, description == null ? ""
                : description, Instant.now().truncatedTo(ChronoUnit.MICROS)));
        if (scope.isScoped()) {
            try {
                scopes.insert(new ApiKeyScopeRows.Row(key, scope.environment(), scope.connectClusters()));
            } catch (RuntimeException e) {
                // Nobody has the secret yet, so the key never worked unscoped; do not leave it behind.
                rows.delete(key);
                throw e;
            }
        }
        String secretString = new String(secret);
        Arrays.fill(secret, '\0');
        return new ApiKeyCredentials(key, secretString, role);
    }

    /** Every key, oldest first; never secrets or hashes. */
    public List<ApiKeyInfo> list() {
        return rows.list().stream().map(this::info).toList();
    }

    /** One key as listed, if it exists. */
    public Optional<ApiKeyInfo> info(String key) {
        return list().stream().filter(k -> k.key().equals(key)).findFirst();
    }

    private ApiKeyInfo info(ApiKeyRows.Row row) {
        return new ApiKeyInfo(row.keyId(), ApiRole.valueOf(row.role()), row.description(), row.createdAt(),
                scopeOf(row.keyId()));
    }

    private KeyScope scopeOf(String key) {
        return scopes.find(key).map(s -> KeyScope.of(s.environment(), s.connectClusters())).orElse(KeyScope.UNSCOPED);
    }

    /** The caller a key stands for, without checking a secret (a console session already did), if it exists. */
    Optional<Principal> principalOf(String key, String sessionId) {
        return rows.find(key).map(row -> new Principal(key, ApiRole.valueOf(row.role()), scopeOf(key), sessionId));
    }

    /** Deletes a key; {@code false} when there was none. Requests with it fail from now on. */
    public boolean delete(String key) {
        boolean deleted = rows.delete(key);
        verified.remove(key);
        return deleted;
    }

    /** The key's role when the secret is right, else empty (unthrottled). Slow on a miss. */
    Optional<ApiRole> authenticate(String key, char[] secret) {
        return authenticate(key, secret, () -> { }).map(Principal::role);
    }

    /**
     * The caller when the secret is right, else empty. Slow on a miss (call off the event loop); {@code slowPath}
     * runs first when the slow hash is about to be paid and may refuse it by throwing (throttling).
     */
    Optional<Principal> authenticate(String key, char[] secret, Runnable slowPath) {
        byte[] mac = mac(secret);
        Verified cached = verified.get(key);
        if (cached != null && MessageDigest.isEqual(cached.mac, mac)) {
            if (nanoTime.getAsLong() - cached.verifiedAt < REVALIDATE_AFTER.toNanos()) {
                return Optional.of(cached.principal);
            }
            Optional<ApiKeyRows.Row> row = rows.find(key);
            if (row.isPresent() && MessageDigest.isEqual(row.get().secretHash(), cached.secretHash)) {
                // Role and scope are read again with the row: a change made on another replica counts too.
                Principal principal = new Principal(key, ApiRole.valueOf(row.get().role()), scopeOf(key), null);
                verified.put(key, new Verified(principal, mac, cached.secretHash, nanoTime.getAsLong()));
                return Optional.of(principal);
            }
            verified.remove(key); // deleted (or replaced) on some replica: check it the slow way, like any other
        }
        slowPath.run();
        Optional<ApiKeyRows.Row> stored = rows.find(key);
        if (stored.isEmpty()) {
            SecretHasher.hash(secret, dummySalt, iterations); // same cost as a real miss
            return Optional.empty();
        }
        ApiKeyRows.Row row = stored.get();
        if (!SecretHasher.matches(secret, row.salt(), row.iterations(), row.secretHash())) {
            return Optional.empty();
        }
        Principal principal = new Principal(key, ApiRole.valueOf(row.role()), scopeOf(key), null);
        verified.put(key, new Verified(principal, mac, row.secretHash(), nanoTime.getAsLong()));
        return Optional.of(principal);
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

    /** A verified secret: who it stands for, its HMAC, the stored hash it was checked against, and when. */
    private record Verified(Principal principal, byte[] mac, byte[] secretHash, long verifiedAt) {
    }
}

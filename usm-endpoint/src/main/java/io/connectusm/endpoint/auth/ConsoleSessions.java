package io.connectusm.endpoint.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import io.connectusm.endpoint.store.IdGenerator;
import io.connectusm.endpoint.store.SessionRevocationRows;

/**
 * Console sessions: after a login with an API key and its secret, the browser holds a signed token (session ID,
 * API key ID, expiry; HMAC-SHA256 under the {@link SigningKeys} key) in an {@code HttpOnly}, {@code SameSite=Strict}
 * cookie. Verifying needs no session table: the signature, the expiry, the revocation list in the database (a
 * logout writes the session's ID there, so every replica refuses it at once) and the key itself (deleting the key
 * ends its sessions; its role and scope are read afresh). The token never holds the secret. Thread-safe.
 */
public final class ConsoleSessions {

    /** The cookie's name. */
    public static final String COOKIE = "usm_session";
    private static final String PURPOSE = "usm-console-session";
    private static final String VERSION = "v1";

    private final SigningKeys keys;
    private final ApiKeys apiKeys;
    private final SessionRevocationRows revocations;
    private final Duration maxAge;
    private final Clock clock;
    private final IdGenerator ids = new IdGenerator();

    public ConsoleSessions(SigningKeys keys, ApiKeys apiKeys, SessionRevocationRows revocations, Duration maxAge,
                           Clock clock) {
        this.keys = keys;
        this.apiKeys = apiKeys;
        this.revocations = revocations;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** A new session for {@code caller} (authenticated by the login form): the cookie's value. */
    public String open(Principal caller) {
        String id = ids.apiKeyId() + ids.apiKeyId();
        long expires = clock.instant().plus(maxAge).getEpochSecond();
        String payload = id + "." + caller.key() + "." + expires;
        return VERSION + "." + encode(payload.getBytes(StandardCharsets.UTF_8)) + "." + encode(sign(payload));
    }

    /** How long a new session lasts (the cookie's {@code Max-Age}). */
    public Duration maxAge() {
        return maxAge;
    }

    /** The caller a cookie value stands for, if it is a valid, unexpired, unrevoked session of an existing key. */
    public Optional<Principal> verify(String token) {
        return parse(token).filter(t -> !revocations.isRevoked(t.id()))
                .flatMap(t -> apiKeys.principalOf(t.key(), t.id()));
    }

    /** Ends the session of {@code token} on every replica (a no-op for an invalid or expired token). */
    public void revoke(String token) {
        parse(token).ifPresent(t -> revocations.revoke(t.id(), t.expires(), clock.instant()));
    }

    private Optional<Token> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        String payload;
        byte[] mac;
        try {
            payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            mac = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(sign(payload), mac)) {
            return Optional.empty();
        }
        String[] fields = payload.split("\\.", -1);
        if (fields.length != 3) {
            return Optional.empty();
        }
        Instant expires;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(fields[2]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(expires)) {
            return Optional.empty();
        }
        return Optional.of(new Token(fields[0], fields[1], expires));
    }

    private byte[] sign(String payload) {
        return Hmacs.sign(keys, PURPOSE, payload);
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private record Token(String id, String key, Instant expires) {
    }
}

package io.connectusm.endpoint.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Where the key that signs console sessions and form tokens comes from. Every replica on one database must sign
 * with the same key, or a session made on one is refused by the next. Today: a file named by
 * {@code session.signing.key} (the same file on every replica) or, without one, a random key per process (one
 * replica only; sessions and forms end at restart). Once the store keeps a shared secret, the endpoint's wiring
 * passes {@code SigningKeys.fixed(<the store's key>)} instead. Implementations are thread-safe and immutable.
 */
@FunctionalInterface
public interface SigningKeys {

    /** The smallest key accepted, in bytes (HMAC-SHA256's block of strength). */
    int MIN_BYTES = 32;

    /** The key that signs and verifies; never logged. */
    byte[] current();

    /** A key given as bytes (copied). */
    static SigningKeys fixed(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException("a signing key has at least " + MIN_BYTES + " bytes");
        }
        byte[] copy = key.clone();
        return () -> copy.clone();
    }

    /** A random key, for a single replica. */
    static SigningKeys random() {
        byte[] key = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(key);
        return fixed(key);
    }

    /**
     * The bytes of {@code file} (at least {@link #MIN_BYTES}, e.g. {@code head -c 32 /dev/urandom > key}).
     *
     * @throws IllegalArgumentException when it is shorter
     * @throws UncheckedIOException     when it cannot be read
     */
    static SigningKeys fromFile(Path file) {
        byte[] key;
        try {
            key = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the session signing key file " + file, e);
        }
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException("the session signing key file " + file + " holds " + key.length
                    + " bytes; it needs at least " + MIN_BYTES);
        }
        return fixed(key);
    }
}

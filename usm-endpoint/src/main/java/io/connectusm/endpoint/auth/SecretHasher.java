package io.connectusm.endpoint.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted slow hashing of API secrets with the JDK's PBKDF2WithHmacSHA256, and constant-time comparison.
 * Stateless and thread-safe.
 */
final class SecretHasher {

    static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    static final int HASH_BITS = 256;

    private SecretHasher() {
    }

    static byte[] hash(char[] secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    static boolean matches(char[] secret, byte[] salt, int iterations, byte[] expectedHash) {
        byte[] actual = hash(secret, salt, iterations);
        try {
            return MessageDigest.isEqual(actual, expectedHash);
        } finally {
            Arrays.fill(actual, (byte) 0);
        }
    }
}

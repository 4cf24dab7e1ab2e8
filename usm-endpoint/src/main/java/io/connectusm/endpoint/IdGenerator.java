package io.connectusm.endpoint;

import java.security.SecureRandom;

/**
 * Random resource IDs: a prefix ({@code usmkc-}, {@code usmcc-}) and 12 random lower-case alphanumerics,
 * always the same length so tables line up. Thread-safe ({@link SecureRandom} is).
 */
final class IdGenerator {

    static final String KAFKA_CLUSTER_PREFIX = "usmkc-";
    static final String CONNECT_CLUSTER_PREFIX = "usmcc-";
    static final int RANDOM_LENGTH = 12;

    private static final char[] LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final char[] SECRET_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private final SecureRandom random = new SecureRandom();

    String kafkaClusterId() {
        return KAFKA_CLUSTER_PREFIX + randomString(LOWER_ALNUM, RANDOM_LENGTH);
    }

    String connectClusterId() {
        return CONNECT_CLUSTER_PREFIX + randomString(LOWER_ALNUM, RANDOM_LENGTH);
    }

    /** An API key ID as Confluent shapes them: 16 upper-case alphanumerics. */
    String apiKeyId() {
        return randomString(UPPER_ALNUM, 16);
    }

    /** An API secret: 64 characters, 384 random bits. */
    char[] apiSecret() {
        char[] out = new char[64];
        for (int i = 0; i < out.length; i++) {
            out[i] = SECRET_CHARS[random.nextInt(SECRET_CHARS.length)];
        }
        return out;
    }

    byte[] bytes(int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    private String randomString(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}

package io.connectusm.endpoint.store;

import java.security.SecureRandom;

/**
 * Random IDs and secrets: registration IDs (a prefix, {@code usmkc-} or {@code usmcc-}, and 12 random lower-case
 * alphanumerics), API key IDs and secrets, random bytes for keys. IDs have one length each so tables line up.
 * Thread-safe ({@link SecureRandom} is).
 */
public final class IdGenerator {

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
    public String apiKeyId() {
        return randomString(UPPER_ALNUM, 16);
    }

    /** An API secret: 64 characters, 384 random bits. */
    public char[] apiSecret() {
        char[] out = new char[64];
        for (int i = 0; i < out.length; i++) {
            out[i] = SECRET_CHARS[random.nextInt(SECRET_CHARS.length)];
        }
        return out;
    }

    public byte[] bytes(int n) {
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

package io.connectusm.agent.http;

import io.connectusm.support.Secret;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An HTTP basic user and its secret: checks the {@code Authorization} header a data plane client sent, in
 * constant time (the forwarder's own header is built by usm-api's client). {@link #toString()} hides the secret.
 * Immutable and thread-safe.
 */
public record BasicCredentials(String user, Secret secret) {

    public BasicCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(secret, "secret");
    }

    /** Whether {@code header} (an {@code Authorization} value, may be {@code null}) carries these credentials. */
    public boolean matches(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = userColonSecret();
        try {
            return MessageDigest.isEqual(presented, expected);
        } finally {
            Arrays.fill(expected, (byte) 0);
            Arrays.fill(presented, (byte) 0);
        }
    }

    private byte[] userColonSecret() {
        char[] value = secret.reveal();
        CharBuffer chars = CharBuffer.allocate(user.length() + 1 + value.length);
        chars.put(user).put(':').put(value).flip();
        Arrays.fill(value, '\0');
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(chars);
        byte[] result = new byte[bytes.remaining()];
        bytes.get(result);
        Arrays.fill(chars.array(), '\0');
        return result;
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + ", secret=[hidden]]";
    }
}

package io.connectusm.endpoint.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of a purpose-tagged text under a {@link SigningKeys} key, shared by session and form tokens. */
final class Hmacs {

    private Hmacs() {
    }

    static byte[] sign(SigningKeys keys, String purpose, String text) {
        byte[] key = keys.current();
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return hmac.doFinal((purpose + ":" + text).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}

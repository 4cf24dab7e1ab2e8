package io.connectusm.endpoint.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Anti-CSRF tokens for the web page's forms. The page authenticates with HTTP basic auth, which a browser
 * replays on any cross-site form post, so every state-changing form carries a token that only a page rendered
 * for the same API key can know: an HMAC of the key ID under a random per-process secret (memory only; a
 * restart invalidates open forms, which is acceptable for an admin page). Thread-safe and immutable.
 */
public final class CsrfTokens {

    /** The form field that carries the token. */
    public static final String FIELD = "csrf_token";
    private static final String PURPOSE = "usm-ui-csrf:";

    private final byte[] secret;

    public CsrfTokens(byte[] secret) {
        this.secret = secret.clone();
    }

    /** The token of every form rendered for the caller with API key {@code apiKey}. */
    public String tokenFor(String apiKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(apiKey));
    }

    /** Whether {@code token} was issued to {@code apiKey}; constant time in the token's content. */
    public boolean isValid(String apiKey, String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(apiKey), given);
    }

    private byte[] mac(String apiKey) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return hmac.doFinal((PURPOSE + apiKey).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

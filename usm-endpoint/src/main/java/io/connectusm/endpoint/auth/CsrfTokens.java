package io.connectusm.endpoint.auth;

import java.security.MessageDigest;
import java.util.Base64;

/**
 * Anti-CSRF tokens for the console's forms. A browser replays basic credentials and sends cookies on a
 * cross-site form post (SameSite aside), so every state-changing form carries a token that only a page rendered
 * for the same caller can know: an HMAC of the caller's {@link Principal#csrfSubject() subject} (its console
 * session, else its API key) under the {@link SigningKeys} key, so any replica with that key accepts it and a
 * logout ends the session's tokens. Thread-safe and immutable.
 */
public final class CsrfTokens {

    /** The form field that carries the token. */
    public static final String FIELD = "csrf_token";
    private static final String PURPOSE = "usm-ui-csrf";

    private final SigningKeys keys;

    public CsrfTokens(SigningKeys keys) {
        this.keys = keys;
    }

    /** The token of every form rendered for {@code caller}. */
    public String tokenFor(Principal caller) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Hmacs.sign(keys, PURPOSE,
                caller.csrfSubject()));
    }

    /** Whether {@code token} was issued to {@code caller}; constant time in the token's content. */
    public boolean isValid(Principal caller, String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(Hmacs.sign(keys, PURPOSE, caller.csrfSubject()), given);
    }
}

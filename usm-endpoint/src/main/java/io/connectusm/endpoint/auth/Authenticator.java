package io.connectusm.endpoint.auth;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

import io.connectusm.endpoint.http.UsmApiException;

/**
 * Checks HTTP basic credentials (API key as user, secret as password) against {@link ApiKeys}. Every failure,
 * whatever its cause (no header, bad encoding, unknown key, wrong secret), is the same 401. Thread-safe;
 * slow on a miss, so call it off the event loop.
 */
public final class Authenticator {

    private static final String BASIC = "basic ";

    private final ApiKeys apiKeys;

    public Authenticator(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    /** The caller of a request with this Authorization header; a 401 for anything but valid credentials. */
    public Principal authenticate(String authorization) {
        if (authorization == null || authorization.length() <= BASIC.length()
                || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            throw UsmApiException.unauthorized();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim());
        } catch (IllegalArgumentException e) {
            throw UsmApiException.unauthorized();
        }
        char[] chars;
        try {
            CharBuffer buffer = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded));
            chars = new char[buffer.remaining()];
            buffer.get(chars);
        } catch (CharacterCodingException e) {
            throw UsmApiException.unauthorized();
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
        try {
            int colon = indexOf(chars, ':');
            if (colon <= 0) {
                throw UsmApiException.unauthorized();
            }
            String key = new String(chars, 0, colon);
            char[] secret = Arrays.copyOfRange(chars, colon + 1, chars.length);
            try {
                ApiRole role = apiKeys.authenticate(key, secret).orElseThrow(UsmApiException::unauthorized);
                return new Principal(key, role);
            } finally {
                Arrays.fill(secret, '\0');
            }
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static int indexOf(char[] chars, char c) {
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == c) {
                return i;
            }
        }
        return -1;
    }
}

package io.connectusm.endpoint.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import io.connectusm.endpoint.http.ApiRequest;
import io.connectusm.endpoint.http.UsmApiException;

/**
 * Who is calling: on the API, HTTP basic credentials (API key as user, secret as password) checked against
 * {@link ApiKeys}; on the console, its {@link ConsoleSessions} cookie only (basic credentials a browser cached, and
 * would replay cross-site, count for nothing there); and the console's login form.
 * Every failure, whatever its cause (no header, bad encoding, unknown key, wrong secret, bad or revoked cookie),
 * is the same 401. Checks that would run the slow hash go through the {@link FailedLoginThrottle} of the source
 * address first (429 when it is spent). Thread-safe; slow on a miss, so call it off the event loop.
 */
public final class Authenticator {

    private static final String BASIC = "basic ";

    private final ApiKeys apiKeys;
    private final ConsoleSessions sessions;
    private final FailedLoginThrottle throttle;

    public Authenticator(ApiKeys apiKeys, ConsoleSessions sessions, FailedLoginThrottle throttle) {
        this.apiKeys = apiKeys;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    /** Basic credentials only, unthrottled (for tools over a database, and tests). */
    public Authenticator(ApiKeys apiKeys) {
        this(apiKeys, null, new FailedLoginThrottle(Integer.MAX_VALUE, Integer.MAX_VALUE, java.time.Clock.systemUTC()));
    }

    /** The caller with this Authorization header (basic credentials); a 401 for anything else. */
    public Principal authenticate(String authorization) {
        return basic(authorization, null);
    }

    /**
     * The caller of {@code request}: on the console ({@code console}) its session cookie, elsewhere its basic
     * credentials; a 401 for anything else.
     */
    public Principal authenticate(ApiRequest request, boolean console) {
        if (!console) {
            return basic(request.authorization(), request.remoteAddress());
        }
        if (sessions == null) {
            throw UsmApiException.unauthorized();
        }
        return sessionCookie(request).flatMap(sessions::verify).orElseThrow(UsmApiException::unauthorized);
    }

    /** The console session cookie's value of {@code request}, if it has one. */
    public static Optional<String> sessionCookie(ApiRequest request) {
        String header = request.header("cookie");
        if (header == null) {
            return Optional.empty();
        }
        for (String pair : header.split(";")) {
            String p = pair.strip();
            if (p.startsWith(ConsoleSessions.COOKIE + "=")) {
                return Optional.of(p.substring(ConsoleSessions.COOKIE.length() + 1));
            }
        }
        return Optional.empty();
    }

    /** The login form's check: the caller when {@code key} and {@code secret} match; 401 or 429 otherwise. */
    public Principal login(String key, char[] secret, String source) {
        if (key == null || key.isEmpty()) {
            throw UsmApiException.unauthorized();
        }
        return verify(key, secret, source);
    }

    private Principal basic(String authorization, String source) {
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
                return verify(key, secret, source);
            } finally {
                Arrays.fill(secret, '\0');
            }
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private Principal verify(String key, char[] secret, String source) {
        boolean[] slow = {false};
        Principal caller = apiKeys.authenticate(key, secret, () -> {
            throttle.acquire(source);
            slow[0] = true;
        }).orElseThrow(UsmApiException::unauthorized);
        if (slow[0]) {
            throttle.succeeded(source);
        }
        return caller;
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

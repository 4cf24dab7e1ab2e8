package io.connectusm.endpoint.web;

import java.util.Arrays;
import java.util.List;

import io.connectusm.endpoint.api.Call;
import io.connectusm.endpoint.auth.Authenticator;
import io.connectusm.endpoint.auth.ConsoleSessions;
import io.connectusm.endpoint.auth.CsrfTokens;
import io.connectusm.endpoint.auth.Principal;
import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.UsmApiException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in and out of the console. {@code GET /ui/login} shows the form (API key and secret); its post checks
 * them like basic auth would (throttled per source address, the same 401 for every wrong input) and answers 303
 * with the session cookie: {@code HttpOnly}, {@code SameSite=Strict}, {@code Path=/ui} (the JSON API never sees
 * it), {@code Max-Age} of the session, and {@code Secure} over HTTPS. {@code POST /ui/logout} (with the session's
 * CSRF token) revokes the session on every replica and clears the cookie. Thread-safe.
 */
final class LoginPages {

    static final String KEY_FIELD = "api_key";
    static final String SECRET_FIELD = "api_secret";
    static final String NEXT_FIELD = "next";

    private static final Logger log = LoggerFactory.getLogger(LoginPages.class);

    private final ConsoleSecurity security;

    LoginPages(ConsoleSecurity security) {
        this.security = security;
    }

    /** {@code GET /ui/login[?next=/ui/…]}. */
    ApiResponse form(Call call) {
        return page(200, null, Paths.safeNext(call.query(NEXT_FIELD)));
    }

    /** {@code POST /ui/login}. */
    ApiResponse login(Call call) {
        FormData form = FormData.parse(call.body());
        String next = Paths.safeNext(form.get(NEXT_FIELD));
        String given = form.get(SECRET_FIELD);
        char[] secret = given == null ? new char[0] : given.toCharArray();
        Principal caller;
        try {
            caller = security.authenticator().login(form.optional(KEY_FIELD), secret,
                    call.request().remoteAddress());
        } catch (UsmApiException e) {
            if (e.status() == 429) {
                return page(429, e.getMessage() + ".", next).withHeader("Retry-After",
                        Integer.toString(e.retryAfterSeconds()));
            }
            return page(401, "The API key or secret is not right.", next);
        } finally {
            Arrays.fill(secret, '\0');
        }
        String token = security.sessions().open(caller);
        log.info("console session opened for API key {} ({})", caller.key(), caller.role().label());
        return ApiResponse.seeOther(next).withHeader("Set-Cookie",
                cookie(token, security.sessions().maxAge().toSeconds()));
    }

    /** {@code POST /ui/logout}: needs the session's CSRF token. */
    ApiResponse logout(Call call) {
        FormData form = FormData.parse(call.body());
        if (!security.csrf().isValid(call.caller(), form.get(CsrfTokens.FIELD))) {
            return Templates.message(403, "Form refused", "The form's security token is missing or not valid for "
                    + "your session. Reload the page and submit the form again.", Paths.HOME);
        }
        Authenticator.sessionCookie(call.request()).ifPresent(security.sessions()::revoke);
        log.info("console session of API key {} closed", call.caller().key());
        return ApiResponse.seeOther(Paths.LOGIN).withHeader("Set-Cookie", cookie("", 0));
    }

    private String cookie(String value, long maxAgeSeconds) {
        return ConsoleSessions.COOKIE + "=" + value + "; Path=" + Paths.HOME + "; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (security.tls() ? "; Secure" : "");
    }

    private static ApiResponse page(int status, String message, String next) {
        return Templates.page(status, "login.jte", new LoginView(new Frame("Sign in", List.of()), message, next));
    }
}

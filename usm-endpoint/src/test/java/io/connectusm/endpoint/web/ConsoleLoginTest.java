package io.connectusm.endpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiRole;

/**
 * The console's login page, session cookie and logout, and its HTML error pages, over real HTTPS: what the cookie
 * promises (HttpOnly, Secure, SameSite=Strict, Path=/ui, expiring), that it opens the console and nothing else,
 * and that a logout (or a deleted key) ends it.
 */
class ConsoleLoginTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");

    @RegisterExtension
    static final TestEndpoint endpoint = new TestEndpoint();

    private static String form(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            out.append(out.isEmpty() ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    static HttpResponse<String> login(ApiKeyCredentials as, String secret, String next) {
        return endpoint.sendWith("POST", "/ui/login", form("api_key", as.key(), "api_secret", secret, "next", next),
                null, Map.of("Content-Type", FORM, "Origin", endpoint.endpoint().baseUrl()));
    }

    static String cookieOf(HttpResponse<String> loggedIn) {
        String setCookie = loggedIn.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static HttpResponse<String> withCookie(String method, String path, String cookie, String body) {
        return endpoint.sendWith(method, path, body, null, body == null ? Map.of("Cookie", cookie)
                : Map.of("Cookie", cookie, "Content-Type", FORM));
    }

    @Test
    void aSignedOutBrowserIsSentToTheLoginPageAndBackAfterSigningIn() {
        HttpResponse<String> page = endpoint.send("GET", "/ui/environments/env-x", null, null);
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).contains("/ui/login?next=%2Fui%2Fenvironments%2Fenv-x");
        assertThat(page.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(endpoint.send("GET", "/", null, null).headers().firstValue("Location")).contains("/ui");

        HttpResponse<String> loginPage = endpoint.send("GET", "/ui/login?next=%2Fui%2Fenvironments%2Fenv-x", null,
                null);
        assertThat(loginPage.statusCode()).isEqualTo(200);
        assertThat(loginPage.body()).contains("<label for=\"api-key\">API key</label>")
                .contains("type=\"password\"").contains("value=\"/ui/environments/env-x\"");

        HttpResponse<String> in = login(endpoint.admin, endpoint.admin.secret(), "/ui/environments/env-x");
        assertThat(in.statusCode()).isEqualTo(303);
        assertThat(in.headers().firstValue("Location")).contains("/ui/environments/env-x");
        String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("usm_session=v1.").contains("; Path=/ui").contains("; Max-Age=28800")
                .contains("; HttpOnly").contains("; SameSite=Strict").contains("; Secure");
        assertThat(setCookie).doesNotContain(endpoint.admin.secret());

        HttpResponse<String> opened = withCookie("GET", "/ui/environments/env-x", cookieOf(in), null);
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).contains(endpoint.admin.key() + " (admin)").contains(">Log out</button>");
    }

    @Test
    void theLoginFormIsNoOpenRedirect() {
        for (String next : new String[] {"https://evil.example/", "//evil.example/ui", "/ui/../../x", "/uix",
                "/ui\\evil", "/usm/v1/api-keys", "/ui//evil.example", "/ui/%2e%2e/x", "/ui/login?next=//x",
                "/ui/\r\nSet-Cookie:x"}) {
            HttpResponse<String> in = login(endpoint.admin, endpoint.admin.secret(), next);
            assertThat(in.headers().firstValue("Location")).as(next).contains("/ui");
        }
        assertThat(login(endpoint.admin, endpoint.admin.secret(), "/ui/environments/env-a?x=1").headers()
                .firstValue("Location")).contains("/ui/environments/env-a?x=1");
    }

    @Test
    void wrongCredentialsGetTheLoginPageAgainAndNoCookie() {
        HttpResponse<String> wrong = login(endpoint.admin, endpoint.admin.secret() + "x", "/ui");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(wrong.body()).contains("The API key or secret is not right.");
        // an agent key signs in but may not see the console
        HttpResponse<String> agent = login(endpoint.agent, endpoint.agent.secret(), "/ui");
        assertThat(withCookie("GET", "/ui", cookieOf(agent), null).statusCode()).isEqualTo(403);
    }

    @Test
    void theSessionCookieOpensTheConsoleOnlyNotTheJsonApi() {
        String cookie = cookieOf(login(endpoint.admin, endpoint.admin.secret(), "/ui"));
        HttpResponse<String> api = withCookie("GET", "/usm/v1/api-keys", cookie, null);
        assertThat(api.statusCode()).isEqualTo(401);
        HttpResponse<String> forgedKey = endpoint.sendWith("POST", "/usm/v1/api-keys", "{\"spec\":{\"role\":"
                + "\"admin\"}}", null, Map.of("Cookie", cookie, "Content-Type", "application/json"));
        assertThat(forgedKey.statusCode()).isEqualTo(401);
    }

    @Test
    void logoutNeedsTheSessionsTokenAndEndsTheSession() {
        String cookie = cookieOf(login(endpoint.admin, endpoint.admin.secret(), "/ui"));
        HttpResponse<String> home = withCookie("GET", "/ui", cookie, null);
        Matcher token = TOKEN.matcher(home.body());
        assertThat(token.find()).isTrue();

        HttpResponse<String> noToken = withCookie("POST", "/ui/logout", cookie, form("csrf_token", "nope"));
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(withCookie("GET", "/ui", cookie, null).statusCode()).isEqualTo(200);

        HttpResponse<String> out = withCookie("POST", "/ui/logout", cookie, form("csrf_token", token.group(1)));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).contains("/ui/login");
        assertThat(out.headers().firstValue("Set-Cookie")).hasValueSatisfying(c ->
                assertThat(c).startsWith("usm_session=;").contains("Max-Age=0"));
        // the revoked cookie, replayed, is refused (also after a restart: the revocation is in the database)
        assertThat(withCookie("GET", "/ui", cookie, null).statusCode()).isEqualTo(303);
    }

    @Test
    void deletingTheKeyEndsItsSessionsAndATamperedCookieIsRefused() {
        ApiKeyCredentials temp = endpoint.endpoint().apiKeys().create(ApiRole.VIEWER, "temporary");
        String cookie = cookieOf(login(temp, temp.secret(), "/ui"));
        assertThat(withCookie("GET", "/ui", cookie, null).statusCode()).isEqualTo(200);
        // another key ID in the signed payload: the signature no longer matches
        String[] parts = cookie.substring("usm_session=".length()).split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(temp.key(), endpoint.admin.key());
        String tampered = "usm_session=v1." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(withCookie("GET", "/ui", tampered, null).statusCode()).isEqualTo(303);

        endpoint.endpoint().apiKeys().delete(temp.key());
        assertThat(withCookie("GET", "/ui", cookie, null).statusCode()).isEqualTo(303);
    }

    @Test
    void consoleFailuresAreHtmlPagesNotJson() {
        HttpResponse<String> missing = endpoint.send("GET", "/ui/connect-clusters/usmcc-nope", null, endpoint.admin);
        HttpResponse<String> unknown = endpoint.send("GET", "/ui/no/such/page", null, endpoint.admin);
        for (HttpResponse<String> r : new HttpResponse[] {missing, unknown}) {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
            assertThat(r.body()).startsWith("<!DOCTYPE html>").contains("<h1>Not found</h1>");
        }
        HttpResponse<String> forbidden = endpoint.send("GET", "/ui", null, endpoint.agent);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).startsWith("<!DOCTYPE html>").contains("<h1>Not allowed</h1>");
    }
}

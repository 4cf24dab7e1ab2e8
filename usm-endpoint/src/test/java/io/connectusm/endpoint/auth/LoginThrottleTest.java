package io.connectusm.endpoint.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.http.UsmApiException;

/**
 * Password guessing is throttled per source address, through basic auth and the login form alike, and a
 * throttled source does not get the slow hash run for it (so even its right secret is refused until it waits);
 * keys already verified keep working from that address.
 */
class LoginThrottleTest {

    private static final int BURST = 4;

    @RegisterExtension
    static final TestEndpoint endpoint = new TestEndpoint(Map.of(
            EndpointConfig.LOGIN_FAILURES_BURST_CONFIG, Integer.toString(BURST),
            EndpointConfig.LOGIN_FAILURES_PER_MINUTE_CONFIG, "1"));

    @Test
    void aGuessingSourceIsThrottledBeforeTheHashAndVerifiedKeysStillWork() {
        // the agent key is verified once, before the guessing starts: it is served from the cache afterwards
        assertThat(endpoint.send("GET", "/usm/v1/connect-clusters?environment=env-x", null, endpoint.agent)
                .statusCode()).isEqualTo(200);
        ApiKeyCredentials fresh = endpoint.endpoint().apiKeys().create(ApiRole.VIEWER, "never used yet");

        for (int i = 0; i < BURST; i++) {
            HttpResponse<String> r = endpoint.sendRaw("GET", "/usm/v1/api-keys", null,
                    TestEndpoint.basic(endpoint.admin.key(), "guess-" + i), null);
            assertThat(r.statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = endpoint.sendRaw("GET", "/usm/v1/api-keys", null,
                TestEndpoint.basic(endpoint.admin.key(), "guess-more"), null);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                assertThat(Integer.parseInt(v)).isBetween(1, 60));
        assertThat(TestEndpoint.json(throttled).get("errors").get(0).get("code").asText())
                .isEqualTo("too_many_requests");

        // a right secret that would need the slow hash is refused too: the hash is not run for this source
        assertThat(endpoint.send("GET", "/usm/v1/connect-clusters?environment=env-x", null, fresh).statusCode())
                .isEqualTo(429);
        HttpResponse<String> form = endpoint.sendWith("POST", "/ui/login", "api_key=" + fresh.key()
                + "&api_secret=" + URLEncoder.encode(fresh.secret(), StandardCharsets.UTF_8), null,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(form.statusCode()).isEqualTo(429);
        assertThat(form.body()).contains("too many failed logins");
        assertThat(form.headers().firstValue("Set-Cookie")).isEmpty();

        // the agent verified before is answered from the cache, without the hash, so it keeps working
        assertThat(endpoint.send("GET", "/usm/v1/connect-clusters?environment=env-x", null, endpoint.agent)
                .statusCode()).isEqualTo(200);
    }

    @Test
    void theBucketRefillsAtItsRateAndSuccessesGiveTheirTokenBack() {
        Instant[] now = {Instant.parse("2026-11-20T10:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        FailedLoginThrottle throttle = new FailedLoginThrottle(2, 6, clock);
        throttle.acquire("10.0.0.1");
        throttle.succeeded("10.0.0.1");
        throttle.acquire("10.0.0.1");
        throttle.acquire("10.0.0.1");
        assertThat(retryAfter(throttle, "10.0.0.1")).isEqualTo(10);
        throttle.acquire("10.0.0.2"); // another source has its own bucket

        now[0] = now[0].plus(Duration.ofSeconds(9));
        assertThat(retryAfter(throttle, "10.0.0.1")).isEqualTo(1);
        now[0] = now[0].plus(Duration.ofSeconds(1));
        throttle.acquire("10.0.0.1");
        assertThat(retryAfter(throttle, "10.0.0.1")).isEqualTo(10);
    }

    private static int retryAfter(FailedLoginThrottle throttle, String source) {
        try {
            throttle.acquire(source);
        } catch (UsmApiException e) {
            assertThat(e.status()).isEqualTo(429);
            return e.retryAfterSeconds();
        }
        throw new AssertionError("not throttled");
    }
}

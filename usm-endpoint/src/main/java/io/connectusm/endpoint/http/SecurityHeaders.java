package io.connectusm.endpoint.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * The headers every response of the endpoint carries, whatever wrote it (a handler, the JSON 413, a 400 for a
 * malformed request): {@code X-Content-Type-Options: nosniff} and {@code Cache-Control: no-store}, and over
 * HTTPS {@code Strict-Transport-Security} so that a browser that once reached the console over HTTPS never
 * falls back to plain HTTP. Pages add their own (CSP, Referrer-Policy) on top. Stateless.
 */
final class SecurityHeaders {

    /** One year; no {@code includeSubDomains}: the endpoint cannot speak for other hosts of its domain. */
    static final String HSTS = "max-age=31536000";

    private SecurityHeaders() {
    }

    static void apply(HttpHeaders headers, boolean tls) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (tls) {
            headers.set("Strict-Transport-Security", HSTS);
        }
    }
}

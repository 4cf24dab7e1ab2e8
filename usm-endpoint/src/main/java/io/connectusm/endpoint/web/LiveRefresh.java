package io.connectusm.endpoint.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

import io.connectusm.endpoint.api.Call;
import io.connectusm.endpoint.http.ApiResponse;

/**
 * What lets the pages refresh themselves: the one script ({@code console.js} beside this class, served from the
 * jar at {@link #SCRIPT_PATH}, allowed by the pages' policy as {@code script-src 'self'}; no inline script
 * anywhere) and the pages' entity tags. A page's ETag is a digest of the page as rendered for the caller, so a
 * poll with {@code If-None-Match} of an unchanged page gets 304 and no body. The script polls the page's own
 * address (filters and paging included), replaces only its {@code data-live} part, and keeps the scroll
 * position, open folds and whatever the operator is typing. Pages work without it. Stateless.
 */
final class LiveRefresh {

    static final String SCRIPT_PATH = Paths.HOME + "/static/console.js";
    /** How often the script polls a page, in milliseconds (written into the page as {@code data-live}). */
    static final int POLL_MS = 5_000;

    private static final byte[] SCRIPT = load("console.js");

    private LiveRefresh() {
    }

    /** {@code GET /ui/static/console.js}: public (it holds nothing secret), never sniffed as anything else. */
    static ApiResponse script(Call call) {
        return new ApiResponse(200, "text/javascript; charset=utf-8", SCRIPT, Map.of());
    }

    /** {@code page} with its ETag, or a bodiless 304 when the caller already has this very page. */
    static ApiResponse conditional(Call call, ApiResponse page) {
        if (page.status() != 200) {
            return page;
        }
        String etag = "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(page.body())) + "\"";
        String asked = call.request().header("if-none-match");
        if (asked != null && matches(asked, etag)) {
            return new ApiResponse(304, null, new byte[0], Map.of("ETag", etag));
        }
        return page.withHeader("ETag", etag);
    }

    /** Whether an {@code If-None-Match} value names {@code etag} (weak comparison, as RFC 9110 asks for GET). */
    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag) || tag.equals("*")) {
                return true;
            }
        }
        return false;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static byte[] load(String name) {
        try (InputStream in = LiveRefresh.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + LiveRefresh.class);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

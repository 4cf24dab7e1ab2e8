package io.connectusm.endpoint.api;

import java.util.Locale;
import java.util.Set;

import io.connectusm.endpoint.http.ApiRequest;
import io.connectusm.endpoint.http.UsmApiException;

/**
 * What every state-changing request (anything but GET, HEAD, OPTIONS) must pass before its credentials are even
 * looked at, because a browser attaches credentials (replayed basic auth, cookies) to cross-site requests:
 * <ul>
 * <li>{@code Sec-Fetch-Site}, when present, is {@code same-origin} or {@code none} (typed or bookmarked), never
 *     {@code same-site} (another port of the same host is another origin) or {@code cross-site}: else 403;</li>
 * <li>{@code Origin}, when present, is the endpoint's own: the scheme it serves with the request's Host, or the
 *     configured {@code public.url}; {@code null} and any other origin get 403;</li>
 * <li>a body is of a media type its surface accepts ({@code application/json} on the API, the CloudEvents batch
 *     type too on {@code /usm/v1/events}, form encoding on the console): else 415. A cross-site page can only send
 *     {@code text/plain}, form or multipart bodies without a CORS preflight, which the endpoint never grants.</li>
 * </ul>
 * Clients that send neither header (the CLI, agents, curl) pass the first two checks. Immutable and thread-safe.
 */
final class RequestGuard {

    private final String scheme;
    private final String publicOrigin;

    /**
     * @param tls       whether the endpoint serves HTTPS
     * @param publicUrl the configured {@code public.url}, or {@code ""}
     */
    RequestGuard(boolean tls, String publicUrl) {
        this.scheme = tls ? "https" : "http";
        this.publicOrigin = publicUrl.toLowerCase(Locale.ROOT);
    }

    void check(ApiRequest request, Set<String> bodyTypes) {
        if (!request.isStateChanging()) {
            return;
        }
        String site = request.header("sec-fetch-site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            throw UsmApiException.forbidden("cross-origin request refused (Sec-Fetch-Site: " + clip(site) + ")");
        }
        String origin = request.header("origin");
        if (origin != null && !isOwn(origin.strip().toLowerCase(Locale.ROOT), request.host())) {
            throw UsmApiException.forbidden("cross-origin request refused (Origin " + clip(origin) + ")");
        }
        boolean hasBody = request.body().length > 0;
        String type = request.mediaType();
        if (hasBody && (type == null || !bodyTypes.contains(type))) {
            throw UsmApiException.unsupportedMediaType("the body must be " + String.join(" or ",
                    bodyTypes.stream().sorted().toList()) + (type == null ? "" : ", not " + clip(type)));
        }
    }

    private boolean isOwn(String origin, String host) {
        if (!publicOrigin.isEmpty() && origin.equals(publicOrigin)) {
            return true;
        }
        return host != null && origin.equals(scheme + "://" + host.strip().toLowerCase(Locale.ROOT));
    }

    /** A header value as it may appear in a message: short, printable. */
    private static String clip(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "…" : printable;
    }
}

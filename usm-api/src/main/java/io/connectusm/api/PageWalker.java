package io.connectusm.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Follows a {@code usm/v1} list through {@code metadata.next} and collects every {@code data} item. A next link
 * is followed only when it stays on the base URL's origin (scheme, host and port): an endpoint, a proxy or an
 * attacker in between that names another origin gets an {@link UsmProtocolException}, not the API key. A link
 * already followed, or more than {@value #MAX_PAGES} pages, ends the walk with the same exception instead of
 * looping forever. Stateless; one walk per call.
 */
final class PageWalker {

    static final int MAX_PAGES = 10_000;

    private final HttpTransport transport;
    private final URI base;

    PageWalker(HttpTransport transport, URI base) {
        this.transport = transport;
        this.base = base;
    }

    /** Every item of the list whose first page is {@code firstPage} (an absolute URL of the base origin). */
    List<JsonNode> all(URI firstPage) {
        List<JsonNode> items = new ArrayList<>();
        Set<URI> followed = new HashSet<>();
        URI page = firstPage;
        for (int pages = 0; page != null; pages++) {
            if (pages == MAX_PAGES) {
                throw new UsmProtocolException("the list at " + page.getRawPath() + " has more than " + MAX_PAGES
                        + " pages; stopped");
            }
            if (!followed.add(page)) {
                throw new UsmProtocolException("the list at " + page.getRawPath() + " links back to a page already "
                        + "read; stopped");
            }
            JsonNode body = transport.get(page);
            if (body == null) {
                throw new UsmProtocolException("GET " + page.getRawPath() + " answered with an empty body");
            }
            body.path("data").forEach(items::add);
            page = next(page, body.path("metadata").get("next"));
        }
        return items;
    }

    private URI next(URI current, JsonNode link) {
        if (link == null || link.isNull() || (link.isTextual() && link.asText().isEmpty())) {
            return null;
        }
        if (!link.isTextual()) {
            throw new UsmProtocolException("metadata.next of " + current.getRawPath() + " is not a URL");
        }
        URI next = resolve(current, link.asText());
        if (!transport.origin().contains(next)) {
            throw new UsmProtocolException("metadata.next of " + current.getRawPath() + " points to "
                    + describe(next) + ", not to " + transport.origin() + "; not followed (the API key is sent to "
                    + transport.origin() + " only)");
        }
        return withBasePath(next);
    }

    /** Resolves a link against the page it came from, as a browser would. */
    private static URI resolve(URI against, String link) {
        try {
            return against.resolve(new URI(link));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new UsmProtocolException("the endpoint sent a link that is not a URL");
        }
    }

    /**
     * Behind a proxy that serves the API under a path ({@code https://gw/usm-endpoint}), the endpoint's links
     * start at {@code /usm/v1}: put the base path back in front.
     */
    private URI withBasePath(URI next) {
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        String path = next.getRawPath() == null ? "" : next.getRawPath();
        if (basePath.isEmpty() || path.startsWith(basePath + "/")) {
            return next;
        }
        return URI.create(transport.origin().scheme() + "://" + next.getRawAuthority() + basePath + path
                + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery()));
    }

    private static String describe(URI uri) {
        try {
            return Origin.of(uri).toString();
        } catch (IllegalArgumentException e) {
            // user info or an odd scheme: name the scheme only, a user-info part may hold a credential
            return "a " + (uri.getScheme() == null ? "relative" : uri.getScheme()) + " URL of another origin";
        }
    }
}

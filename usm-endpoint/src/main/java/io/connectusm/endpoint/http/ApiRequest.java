package io.connectusm.endpoint.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One HTTP request, as plain Java: what {@link HttpApiHandler} hands to the {@link RequestHandler}. The
 * {@code toString()} leaves out the Authorization header and the body, so it is safe to log. Immutable.
 *
 * @param method        upper-case HTTP method
 * @param path          the decoded path, without the query
 * @param query         query parameters, each with its values in order
 * @param authorization the raw Authorization header, or {@code null}
 * @param body          the body bytes (empty when none)
 * @param host          the Host header, or {@code null} (never used to build links: see {@code api.Links})
 * @param headers       the other request headers the endpoint looks at ({@link #HEADERS}), by lower-case name
 * @param remoteAddress the client's IP address as the socket sees it, or {@code null} (throttling is per address)
 */
public record ApiRequest(String method, String path, Map<String, List<String>> query, String authorization, byte[] body,
                  String host, Map<String, String> headers, String remoteAddress) {

    /** The headers copied into {@link #headers()}; the others are not read. */
    public static final List<String> HEADERS = List.of("content-type", "origin", "sec-fetch-site", "cookie",
            "referer", "if-none-match");

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
        headers = Map.copyOf(headers);
    }

    /** Parses {@code uri} (path plus optional query string); no other headers, no remote address. */
    public static ApiRequest of(String method, String uri, String authorization, byte[] body, String host) {
        return of(method, uri, authorization, body, host, Map.of(), null);
    }

    /**
     * Parses {@code uri} (path plus optional query string).
     *
     * @param headers the headers of {@link #HEADERS} that the request has, by any case of their names
     */
    public static ApiRequest of(String method, String uri, String authorization, byte[] body, String host,
                                Map<String, String> headers, String remoteAddress) {
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        Map<String, List<String>> query = new TreeMap<>();
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        return new ApiRequest(method, rawPath, query, authorization, body, host, lower, remoteAddress);
    }

    /** A header of {@link #HEADERS}, or {@code null} when the request has none. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The media type of the body, lower case, without parameters ({@code application/json}), or {@code null}. */
    public String mediaType() {
        String type = header("content-type");
        if (type == null) {
            return null;
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** Whether the method may change state (everything but GET, HEAD and OPTIONS). */
    public boolean isStateChanging() {
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw UsmApiException.badRequest("malformed query string");
        }
    }

    /** The path's non-empty segments, each percent-decoded (so a connector name may contain spaces). */
    public List<String> segments() {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                try {
                    out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw UsmApiException.badRequest("malformed path");
                }
            }
        }
        return out;
    }

    /** The first value of a query parameter, or {@code null}. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}

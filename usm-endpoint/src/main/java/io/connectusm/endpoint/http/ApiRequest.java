package io.connectusm.endpoint.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * @param host          the Host header (for absolute links in responses), or {@code null}
 */
public record ApiRequest(String method, String path, Map<String, List<String>> query, String authorization, byte[] body,
                  String host) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    /** Parses {@code uri} (path plus optional query string). */
    public static ApiRequest of(String method, String uri, String authorization, byte[] body, String host) {
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
        return new ApiRequest(method, rawPath, query, authorization, body, host);
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

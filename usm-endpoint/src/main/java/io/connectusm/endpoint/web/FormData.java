package io.connectusm.endpoint.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.connectusm.endpoint.http.UsmApiException;

/**
 * The fields of an {@code application/x-www-form-urlencoded} body, as the web page's forms post them; the first
 * value of a repeated field wins. Its {@code toString()} names only the fields, so it is safe to log. Immutable.
 */
final class FormData {

    private final Map<String, String> fields;

    private FormData(Map<String, String> fields) {
        this.fields = Map.copyOf(fields);
    }

    /** Parses a body; a 400 when it is not valid form encoding. */
    static FormData parse(byte[] body) {
        Map<String, String> fields = new HashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw UsmApiException.badRequest("malformed form body");
            }
        }
        return new FormData(fields);
    }

    /** A field's value, or {@code null} when absent. */
    String get(String name) {
        return fields.get(name);
    }

    /** A field's value, blank-trimmed, or {@code null} when absent or blank. */
    String optional(String name) {
        String value = fields.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "FormData" + fields.keySet();
    }
}

package io.connectusm.endpoint.http;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One HTTP response, as plain Java: status, content type, body and extra headers. Immutable.
 */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static final String JSON = "application/json";
    public static final String HTML = "text/html; charset=utf-8";

    public ApiResponse {
        body = body == null ? new byte[0] : body;
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(int status, JsonNode node) {
        return new ApiResponse(status, JSON, Json.bytes(node), Map.of());
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, new byte[0], Map.of());
    }

    public static ApiResponse html(int status, String html) {
        return new ApiResponse(status, HTML, html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public ApiResponse withHeader(String name, String value) {
        HashMap<String, String> copy = new HashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, contentType, body, copy);
    }

    /** A redirect to {@code location} (303 See Other: the browser follows with a GET). */
    public static ApiResponse seeOther(String location) {
        return new ApiResponse(303, null, new byte[0], Map.of("Location", location));
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}

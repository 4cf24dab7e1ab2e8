package io.connectusm.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One HTTP response, as plain Java: status, content type, body and extra headers. Immutable.
 */
record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json";
    static final String HTML = "text/html; charset=utf-8";

    ApiResponse {
        body = body == null ? new byte[0] : body;
        headers = Map.copyOf(headers);
    }

    static ApiResponse json(int status, JsonNode node) {
        return new ApiResponse(status, JSON, Json.bytes(node), Map.of());
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, null, new byte[0], Map.of());
    }

    static ApiResponse html(int status, String html) {
        return new ApiResponse(status, HTML, html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    ApiResponse withHeader(String name, String value) {
        java.util.HashMap<String, String> copy = new java.util.HashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, contentType, body, copy);
    }

    String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}

package io.connectusm.endpoint.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.endpoint.http.UsmApiException;

/**
 * Reads the fields of a JSON request body with the API's checks: each refusal is a 400 that names the field and
 * what it must be, never echoing the value. Stateless.
 */
final class JsonFields {

    static final int MAX_TEXT = 255;

    private JsonFields() {
    }

    static String requiredText(ObjectNode body, String field) {
        String value = optionalText(body, field);
        if (value == null || value.isBlank()) {
            throw UsmApiException.badRequest(field + " is required");
        }
        return value;
    }

    static String optionalText(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw UsmApiException.badRequest(field + " must be a string");
        }
        return node.asText();
    }

    /** Optional free text of at most {@value #MAX_TEXT} characters. */
    static String optionalShortText(ObjectNode body, String field) {
        String value = optionalText(body, field);
        return value == null ? null : checkLength(field, value);
    }

    private static String checkLength(String field, String value) {
        if (value.length() > MAX_TEXT) {
            throw UsmApiException.badRequest(field + " must be at most " + MAX_TEXT + " characters");
        }
        return value;
    }

    static String localId(ObjectNode body, String field) {
        return InputRules.localId(field, requiredText(body, field));
    }

    /** {@code display_name}, or {@code fallback} when absent or blank. */
    static String displayName(ObjectNode body, String fallback) {
        String name = optionalText(body, "display_name");
        return name == null || name.isBlank() ? fallback : checkLength("display_name", name);
    }

    static Instant instant(ObjectNode body, String field) {
        try {
            return Instant.parse(requiredText(body, field));
        } catch (DateTimeParseException e) {
            throw UsmApiException.badRequest(field + " must be an ISO-8601 instant like 2026-11-20T10:00:00Z");
        }
    }

    /** {@code environment.id}, or {@code defaultEnvironment} when the body names none. */
    static String environment(ObjectNode body, String defaultEnvironment) {
        JsonNode env = body.get("environment");
        if (env == null || env.isNull()) {
            return defaultEnvironment;
        }
        JsonNode id = env.get("id");
        if (id == null || !id.isTextual()) {
            throw UsmApiException.badRequest("environment.id must be a string");
        }
        return InputRules.environment(id.asText());
    }

    /** The required {@code environment} query parameter of a list. */
    static String requiredEnvironment(Call call) {
        String env = call.query("environment");
        if (env == null || env.isEmpty()) {
            throw UsmApiException.badRequest("query parameter 'environment' is required");
        }
        return InputRules.environment(env);
    }
}

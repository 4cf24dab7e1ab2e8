package io.connectusm.api;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The endpoint refused a request: its HTTP status, the machine code and the human message of the error body.
 * Both error shapes of the project are read: the {@code usm/v1} one,
 * {@code {"errors":[{"status":"409","code":"conflict","detail":"…"}]}}, and Kafka Connect's
 * {@code {"error_code":409,"message":"…"}} (the agent's). The message is the endpoint's, which never holds a
 * secret; the raw first error object stays available for fields beyond those ({@link #error()}). Immutable.
 */
public final class UsmApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient JsonNode error;

    UsmApiException(int status, String code, String message, JsonNode error) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.error = error == null ? MissingNode.getInstance() : error;
    }

    /** Reads the error of a non-2xx answer; {@code body} may be {@code null} (empty or not JSON). */
    static UsmApiException of(int status, JsonNode body) {
        JsonNode first = body == null ? MissingNode.getInstance() : body.path("errors").path(0);
        if (first.isObject()) {
            return new UsmApiException(status, first.path("code").asText(codeFor(status)),
                    text(first.get("detail"), status), first);
        }
        if (body != null && body.has("message")) {
            return new UsmApiException(status, codeFor(status), text(body.get("message"), status), body);
        }
        return new UsmApiException(status, codeFor(status), "the endpoint answered HTTP " + status, null);
    }

    private static String text(JsonNode node, int status) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText()
                : "the endpoint answered HTTP " + status;
    }

    /** The code when the body names none, as the endpoint would name it. */
    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            default -> "http_" + status;
        };
    }

    /** The HTTP status, e.g. 409. */
    public int status() {
        return status;
    }

    /** The machine code, e.g. {@code conflict} or {@code kafka_cluster_not_registered}. */
    public String code() {
        return code;
    }

    /** The first error object as sent (missing when the body had none), for fields beyond code and message. */
    public JsonNode error() {
        return error;
    }

    /** A field of the first error object beyond code and message, e.g. {@code clusters} of a 403. */
    public Optional<JsonNode> field(String name) {
        return Optional.ofNullable(error.get(name));
    }

    public boolean isNotFound() {
        return status == 404;
    }

    public boolean isConflict() {
        return status == 409;
    }

    public boolean isUnauthorized() {
        return status == 401;
    }
}

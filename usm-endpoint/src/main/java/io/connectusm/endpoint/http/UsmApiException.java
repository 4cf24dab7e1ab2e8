package io.connectusm.endpoint.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one exception hierarchy of the endpoint's HTTP side: every failure a caller can cause or see carries an
 * HTTP status, a stable machine code and a human detail. {@link ErrorResponses} is the only place that turns it
 * (and anything else thrown) into a response. Details never contain secrets. Immutable.
 */
public class UsmApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public UsmApiException(int status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** For failures with an underlying cause worth a stack trace in the log (never in the response). */
    public UsmApiException(int status, String code, String detail, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.code = code;
    }

    public static UsmApiException badRequest(String detail) {
        return new UsmApiException(400, "bad_request", detail);
    }

    /** 401 with a fixed detail: nothing that tells a guesser which part was wrong. */
    public static UsmApiException unauthorized() {
        return new UsmApiException(401, "unauthorized", "authentication required");
    }

    public static UsmApiException forbidden(String detail) {
        return new UsmApiException(403, "forbidden", detail);
    }

    public static UsmApiException notFound(String detail) {
        return new UsmApiException(404, "not_found", detail);
    }

    public static UsmApiException methodNotAllowed(String method, String path) {
        return new UsmApiException(405, "method_not_allowed", method + " is not supported on " + path);
    }

    public static UsmApiException conflict(String detail) {
        return new UsmApiException(409, "conflict", detail);
    }

    public static UsmApiException tooLarge(String detail) {
        return new UsmApiException(413, "payload_too_large", detail);
    }

    public static UsmApiException unsupportedMediaType(String detail) {
        return new UsmApiException(415, "unsupported_media_type", detail);
    }

    /** 429 with {@code Retry-After: retryAfterSeconds}. */
    public static UsmApiException tooManyRequests(String detail, int retryAfterSeconds) {
        return new UsmApiException(429, "too_many_requests", detail) {
            private static final long serialVersionUID = 1L;

            @Override
            public int retryAfterSeconds() {
                return retryAfterSeconds;
            }
        };
    }

    public static UsmApiException unavailable(String detail) {
        return new UsmApiException(503, "unavailable", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Seconds for a {@code Retry-After} header, or 0 for none. */
    public int retryAfterSeconds() {
        return 0;
    }

    /** Adds fields beyond status/code/detail to this error's JSON object; none by default. */
    protected void addDetails(ObjectNode error) {
    }
}

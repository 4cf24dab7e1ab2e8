package io.connectusm.endpoint.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a failure into an HTTP status and the {@code usm/v1} error body
 * {@code {"errors":[{"status":"409","code":"conflict","detail":"…"}]}}. Anything that is not a
 * {@link UsmApiException} is a bug or an outage: logged with its stack trace, answered with a generic 500.
 * Stateless and thread-safe.
 */
public final class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    public static ApiResponse toResponse(Throwable failure) {
        UsmApiException api;
        if (failure instanceof UsmApiException e) {
            api = e;
            if (e.status() >= 500) {
                log.error("request failed: {}", e.getMessage(), e.getCause());
            }
        } else {
            log.error("unexpected failure", failure);
            api = new UsmApiException(500, "internal_error", "internal error");
        }
        ObjectNode body = Json.object();
        ObjectNode error = body.putArray("errors").addObject();
        error.put("status", Integer.toString(api.status()));
        error.put("code", api.code());
        error.put("detail", api.getMessage());
        api.addDetails(error);
        ApiResponse response = ApiResponse.json(api.status(), body);
        if (api.status() == 401) {
            response = response.withHeader("WWW-Authenticate", "Basic realm=\"usm\", charset=\"UTF-8\"");
        }
        if (api.retryAfterSeconds() > 0) {
            response = response.withHeader("Retry-After", Integer.toString(api.retryAfterSeconds()));
        }
        return response;
    }
}

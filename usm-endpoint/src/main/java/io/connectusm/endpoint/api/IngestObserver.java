package io.connectusm.endpoint.api;

import io.connectusm.endpoint.http.UsmApiException;

/**
 * Told of every event batch {@code POST /usm/v1/events} refuses, with the refusal's stable error code as the reason
 * (e.g. {@code cluster_not_registered}, {@code outside_key_scope}, {@code bad_request}): the metrics count them.
 * Refusals before routing (authentication, size, media type) never reach it. Implementations are thread-safe.
 */
@FunctionalInterface
public interface IngestObserver {

    /** Observes nothing. */
    IngestObserver NONE = reason -> { };

    void rejected(String reason);

    /** {@code handler}, telling this observer of each {@link UsmApiException} it throws (then rethrown). */
    default RouteHandler observing(RouteHandler handler) {
        return call -> {
            try {
                return handler.handle(call);
            } catch (UsmApiException e) {
                rejected(e.code());
                throw e;
            }
        };
    }
}

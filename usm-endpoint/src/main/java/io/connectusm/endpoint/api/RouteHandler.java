package io.connectusm.endpoint.api;

import io.connectusm.endpoint.http.ApiResponse;

/**
 * Serves one route. May throw {@link io.connectusm.endpoint.http.UsmApiException} (and the store's refusals),
 * which {@link ApiRouter} turns into the error response. Implementations are thread-safe.
 */
@FunctionalInterface
public interface RouteHandler {

    ApiResponse handle(Call call);
}

/**
 * The HTTP side: the Netty server ({@link io.connectusm.endpoint.http.EndpointServer}), its pipeline (per-peer
 * connection cap → TLS → read timeout → request deadline → codec → aggregator with the size limit and its JSON 413 →
 * handler), the headers every response carries ({@code SecurityHeaders}), the translation of a Netty request
 * into a plain {@link io.connectusm.endpoint.http.ApiRequest} and of an
 * {@link io.connectusm.endpoint.http.ApiResponse} back, run off the event loop; and the one error hierarchy
 * ({@link io.connectusm.endpoint.http.UsmApiException}) with the one place that renders it
 * ({@link io.connectusm.endpoint.http.ErrorResponses}), plus the API's JSON mapper.
 *
 * <p>Knows no route, store or role: it calls a {@link io.connectusm.endpoint.http.RequestHandler}. May call
 * Netty, usm-netty (the per-peer cap and the request deadline, shared with the agent) and Jackson only; every other package of the endpoint may call it.
 */
package io.connectusm.endpoint.http;

/**
 * The {@code usm/v1} API: the declarative route table ({@link io.connectusm.endpoint.api.RouteTable}: method and
 * path pattern → handler and the {@link io.connectusm.endpoint.api.Access} it needs; areas that need a role for
 * every path under them), the router that serves it ({@link io.connectusm.endpoint.api.ApiRouter}: the request
 * guard (Origin, Sec-Fetch-Site, media types), authenticate, area, route, role, handler, and the one mapping of
 * failures, rendered by the request's surface), and one resource class per {@code usm/v1} resource
 * (kafka-clusters, connect-clusters, their connectors and plugins, events, sightings, api-keys), all listed in
 * {@link io.connectusm.endpoint.api.UsmV1Api}. Also the input rules shared with the console's forms
 * ({@link io.connectusm.endpoint.api.InputRules}) and the store-failure mapping
 * ({@link io.connectusm.endpoint.api.StoreFailures}).
 *
 * <p>Resources only translate: request fields in, store calls, JSON resources out ({@code ResourceJson}). May call
 * {@code http}, {@code auth}, {@code ingest}, {@code store} and the wire contract; never {@code web}.
 */
package io.connectusm.endpoint.api;

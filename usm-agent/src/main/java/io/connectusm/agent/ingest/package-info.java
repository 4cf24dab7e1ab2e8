/**
 * The data plane, {@code POST /v1/events}: the Netty pipeline of each connection
 * ({@link io.connectusm.agent.ingest.AgentChannelInitializer}: per-peer cap → TLS → peer identity → idle and
 * request deadlines → HTTP codec → body limit → {@code EventsHandler}), the thin handler that translates HTTP, and
 * the {@link io.connectusm.agent.ingest.EventRouter} that decides about a batch as a plain object: validate it in one
 * streaming pass (no event built), check that the certificate may speak for every cluster it claims
 * ({@code IdentityPolicy}), check that each cluster is registered (the registration check), record the sightings, pass
 * it through the {@link io.connectusm.agent.ingest.SecondLineScan} (the seam of the second line of masking), and append
 * each event's own bytes to the spool; its outcome is the status the worker gets. {@link io.connectusm.agent.ingest.InFlightRequests} lets shutdown drain what is answered.
 *
 * The per-peer cap and the request deadline are usm-netty's, shared with the endpoint.
 *
 * <p>May call Netty, metadata-events, usm-support, usm-netty, the Prometheus client, and the agent's {@code tls},
 * {@code spool}, {@code registration} and {@code http} packages.
 */
package io.connectusm.agent.ingest;

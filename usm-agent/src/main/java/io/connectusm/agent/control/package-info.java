/**
 * The control plane, plain HTTP and GET only, loopback by default: {@code /healthz}, {@code /readyz},
 * {@code /metrics} (the Prometheus text exposition of the agent's registry plus the JVM metrics,
 * {@code MetricsScrape}) and {@code /v1/clusters} (local Connect clusters seen, registered or not), answered by
 * {@link io.connectusm.agent.control.ControlPlane} as plain values and translated by a thin Netty handler.
 *
 * <p>May call Netty, Jackson, the Prometheus client, and the agent's {@code registration} and {@code http}
 * packages.
 */
package io.connectusm.agent.control;

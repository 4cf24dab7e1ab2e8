/**
 * The usm-agent: the Netty sidecar between Kafka Connect workers and the USM endpoint. This root package only
 * assembles it: {@link io.connectusm.agent.UsmAgent} (wiring, start and stop order),
 * {@link io.connectusm.agent.RunningAgent}, {@link io.connectusm.agent.AgentMain} (the process), and the
 * configuration: {@link io.connectusm.agent.AgentConfig} (the {@code ConfigDef} and the typed settings of each
 * part), {@link io.connectusm.agent.AgentConfigLoader} (file and {@code USM_AGENT_*} environment) and
 * {@link io.connectusm.agent.AgentConfigDocs} (the docs' table).
 *
 * <p>The parts, one sub-package per box of the design: {@code ingest} (data plane), {@code tls}, {@code spool},
 * {@code registration}, {@code forward}, {@code control} (control plane), plus {@code http} (what both listeners
 * share); the endpoint's {@code usm/v1} API is called through the usm-api module's client, built here from the
 * {@code endpoint.*} keys. This package may call all of them; none of them calls this package. See
 * {@code docs/architecture.md}.
 */
package io.connectusm.agent;

/**
 * A tiny Connect plugin for the integration tests' Kafka version matrix (Kafka 4.4.0 has no connect-file or
 * connect-mirror on Maven Central): {@link io.connectusm.it.connector.VaultSourceConnector}, whose secret only its
 * PASSWORD type reveals, and {@link io.connectusm.it.connector.FailingSinkConnector}, whose task fails on demand.
 * Discovered through its ServiceLoader manifests, so workers run with {@code plugin.discovery=service_load}.
 */
package io.connectusm.it.connector;

/**
 * The endpoint's Prometheus metrics: the fleet's state computed from the store ({@link
 * io.connectusm.endpoint.metrics.FleetCollector}, SQL aggregates cached per scrape interval, so every replica on one
 * database reports the same values), this replica's own counters (events applied and refused, webhook deliveries),
 * the JVM's metrics, and the loopback listener that serves them on {@code /metrics}
 * ({@link io.connectusm.endpoint.metrics.MetricsServer}).
 *
 * <p>May call {@code api} (the ingest observer), {@code http} and {@code store}.
 */
package io.connectusm.endpoint.metrics;

package io.connectusm.agent.registration;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The metrics of registrations: how many clusters are registered (read on each scrape) and failed pulls or
 * sightings posts. Thread-safe; one per agent, registered on the agent's registry.
 */
public final class RegistrationMetrics {

    final Counter refreshFailures;

    public RegistrationMetrics(PrometheusRegistry registry, RegistrationMap registrations) {
        refreshFailures = Counter.builder().name("usm_agent_registration_refresh_failures_total")
                .help("Failed pulls of registrations or posts of sightings.").withoutExemplars().register(registry);
        GaugeWithCallback.builder().name("usm_agent_registrations").help("Registered Connect clusters known.")
                .callback(gauge -> gauge.call(registrations.size())).register(registry);
    }
}

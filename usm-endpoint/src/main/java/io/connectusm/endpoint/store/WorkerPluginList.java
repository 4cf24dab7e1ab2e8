package io.connectusm.endpoint.store;

import java.time.Instant;
import java.util.List;

import io.connectusm.events.PluginDescriptor;

/**
 * The latest plugin list one worker of a Connect cluster reported. Immutable.
 *
 * @param workerId     the worker ({@code host:port})
 * @param kafkaVersion its Kafka version, or {@code null} when it did not say
 * @param plugins      its plugins, ordered by class name, type, version
 * @param reportedAt   the time of the event that carried the list
 */
public record WorkerPluginList(String workerId, String kafkaVersion, List<PluginDescriptor> plugins, Instant reportedAt) {

    public WorkerPluginList {
        plugins = List.copyOf(plugins);
    }
}

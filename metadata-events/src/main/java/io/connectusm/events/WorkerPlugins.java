package io.connectusm.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The plugins one worker has installed. Travels with the worker ID as the event's {@code subject}.
 * Immutable and thread-safe.
 *
 * @param workerId     the worker ({@code host:port} of its REST listener)
 * @param kafkaVersion the worker's Kafka version, or {@code null} when unknown
 * @param plugins      the plugins; kept ordered by class name, then type, then version
 */
public record WorkerPlugins(String workerId, String kafkaVersion, List<PluginDescriptor> plugins) implements EventPayload {

    // Sorting here makes two events that list the same plugins equal, whatever order Connect reported them in.
    private static final Comparator<PluginDescriptor> ORDER = Comparator.comparing(PluginDescriptor::className)
            .thenComparing(PluginDescriptor::type)
            .thenComparing(PluginDescriptor::version, Comparator.nullsFirst(Comparator.naturalOrder()));

    public WorkerPlugins {
        Objects.requireNonNull(workerId, "workerId");
        if (workerId.isEmpty()) {
            throw new IllegalArgumentException("workerId must not be empty");
        }
        List<PluginDescriptor> sorted = new ArrayList<>(plugins);
        sorted.sort(ORDER);
        plugins = List.copyOf(sorted);
    }

    @Override
    public EventType type() {
        return EventType.WORKER_PLUGINS;
    }
}

package io.connectusm.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The plugins one worker has installed. Travels with the worker ID as the event's {@code subject}. A value
 * class (equal when all three fields are equal). Immutable and thread-safe.
 */
public final class WorkerPlugins extends EventPayload {

    // Sorting here makes two events that list the same plugins equal, whatever order Connect reported them in.
    private static final Comparator<PluginDescriptor> ORDER = Comparator.comparing(PluginDescriptor::className)
            .thenComparing(PluginDescriptor::type)
            .thenComparing(PluginDescriptor::version, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final String workerId;
    private final String kafkaVersion;
    private final List<PluginDescriptor> plugins;

    /**
     * @param workerId     the worker ({@code host:port} of its REST listener), not empty
     * @param kafkaVersion the worker's Kafka version, or {@code null} when unknown
     * @param plugins      the plugins, in any order; copied and ordered by class name, then type, then version
     */
    public WorkerPlugins(String workerId, String kafkaVersion, List<PluginDescriptor> plugins) {
        Objects.requireNonNull(workerId, "workerId");
        if (workerId.isEmpty()) {
            throw new IllegalArgumentException("workerId must not be empty");
        }
        List<PluginDescriptor> sorted = new ArrayList<>(plugins);
        sorted.sort(ORDER);
        this.workerId = workerId;
        this.kafkaVersion = kafkaVersion;
        this.plugins = List.copyOf(sorted);
    }

    public String workerId() {
        return workerId;
    }

    /** The worker's Kafka version, or {@code null}. */
    public String kafkaVersion() {
        return kafkaVersion;
    }

    /** The plugins, ordered; unmodifiable. */
    public List<PluginDescriptor> plugins() {
        return plugins;
    }

    @Override
    public EventType type() {
        return EventType.WORKER_PLUGINS;
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (!(other instanceof WorkerPlugins)) {
            return false;
        }
        WorkerPlugins that = (WorkerPlugins) other;
        return workerId.equals(that.workerId) && Objects.equals(kafkaVersion, that.kafkaVersion)
                && plugins.equals(that.plugins);
    }

    @Override
    public int hashCode() {
        return Objects.hash(workerId, kafkaVersion, plugins);
    }

    @Override
    public String toString() {
        return "WorkerPlugins[workerId=" + workerId + ", kafkaVersion=" + kafkaVersion + ", plugins=" + plugins + "]";
    }
}

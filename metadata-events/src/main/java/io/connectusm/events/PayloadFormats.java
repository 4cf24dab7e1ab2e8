package io.connectusm.events;

import java.util.EnumMap;
import java.util.Map;

/** Finds the {@link PayloadFormat} of each {@link EventType}. Stateless and thread-safe. */
final class PayloadFormats {

    private static final Map<EventType, PayloadFormat> BY_TYPE = new EnumMap<>(Map.of(
            EventType.CONNECTOR_SNAPSHOT, new ConnectorSnapshotFormat(),
            EventType.CONNECTOR_DELETED, new ConnectorDeletedFormat(),
            EventType.CLUSTER_INVENTORY, new ClusterInventoryFormat(),
            EventType.WORKER_PLUGINS, new WorkerPluginsFormat()));

    /**
     * The outline of {@code data} whatever the event's type: the reader meets {@code data} before it may
     * have seen {@code type} (JSON objects are unordered), so it keeps the fields of every type and lets
     * the type's format pick its own.
     */
    static final Shape.Fields DATA_SHAPE = Shape.Fields.union(BY_TYPE.values().stream()
            .map(PayloadFormat::shape).toArray(Shape.Fields[]::new));

    private PayloadFormats() {
    }

    static PayloadFormat of(EventType type) {
        return BY_TYPE.get(type);
    }
}

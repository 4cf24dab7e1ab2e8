package io.connectusm.agent;

import io.connectusm.agent.spool.BatchCodec;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConfigFingerprint;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.ScannedEvent;
import io.connectusm.events.TaskSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Builds wire-contract events for the agent's tests. */
public final class TestEvents {

    public static final ClusterRef CLUSTER = new ClusterRef("kafka-abc", "connect-group-xyz");
    public static final ClusterRef OTHER_CLUSTER = new ClusterRef("kafka-abc", "connect-group-other");
    public static final EventCodec CODEC = new EventCodec();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Instant EPOCH = Instant.parse("2026-11-20T10:00:00Z");

    private TestEvents() {
    }

    /** A RUNNING snapshot of {@code connector} whose config carries {@code topic}. */
    public static MetadataEvent snapshot(ClusterRef cluster, String connector, String topic) {
        return snapshot(cluster, connector, topic, ConnectorState.RUNNING);
    }

    public static MetadataEvent snapshot(ClusterRef cluster, String connector, String topic, ConnectorState state) {
        Map<String, String> config = new TreeMap<>();
        config.put("connector.class", "FileStreamSource");
        config.put("topic", topic);
        config.put("database.password", ConnectorSnapshot.MASKED_VALUE);
        TreeSet<String> masked = new TreeSet<>(List.of("database.password"));
        ConnectorSnapshot payload = ConnectorSnapshot.builder()
                .name(connector)
                .connectorClass("FileStreamSource")
                .connectorType(ConnectorType.SOURCE)
                .state(state)
                .workerId("worker-1:8083")
                .tasks(List.of(new TaskSnapshot(0, state, "worker-1:8083", null)))
                .config(new TreeMap<>(config))
                .maskedKeys(masked)
                .configFingerprint(ConfigFingerprint.of(config))
                .cause(ChangeCause.CONFIG_UPDATED)
                .build();
        return new MetadataEvent(UUID.randomUUID().toString(), cluster, "worker-1:8083", EPOCH,
                SEQUENCE.getAndIncrement(), Instant.now(), connector, payload);
    }

    public static MetadataEvent inventory(ClusterRef cluster, String... connectors) {
        TreeMap<String, String> names = new TreeMap<>();
        for (String connector : connectors) {
            names.put(connector, ConfigFingerprint.of(Map.of("name", connector)));
        }
        return new MetadataEvent(UUID.randomUUID().toString(), cluster, "worker-1:8083", EPOCH,
                SEQUENCE.getAndIncrement(), Instant.now(), null, new ClusterInventory(names));
    }

    /** {@code count} snapshots of distinct connectors, each with a distinct topic. */
    public static List<MetadataEvent> snapshots(ClusterRef cluster, String prefix, int count) {
        List<MetadataEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(snapshot(cluster, prefix + i, "topic-" + UUID.randomUUID()));
        }
        return events;
    }

    /** The events as the data plane hands them to the spool: encoded as a worker does, then scanned. */
    public static List<ScannedEvent> scanned(List<MetadataEvent> events) {
        return BatchCodec.scan(batch(events), null);
    }

    public static byte[] batch(List<MetadataEvent> events) {
        return CODEC.encodeBatch(events);
    }

    public static byte[] batch(MetadataEvent... events) {
        return CODEC.encodeBatch(List.of(events));
    }
}

package io.connectusm.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConfigFingerprint;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;

/** Builds wire-contract events for tests, as a worker extension would emit them. */
public final class TestEvents {

    public static final Instant EPOCH = Instant.parse("2026-11-20T10:00:00Z");
    public static final String WORKER = "worker-1:8083";

    private TestEvents() {
    }

    public static MetadataEvent snapshot(ClusterRef ref, String name, Instant time, long sequence, ConnectorState state,
                                  int runningTasks, Map<String, String> config, Set<String> maskedKeys) {
        TreeMap<String, String> masked = new TreeMap<>(config);
        maskedKeys.forEach(k -> masked.put(k, ConnectorSnapshot.MASKED_VALUE));
        List<TaskSnapshot> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < runningTasks; i++) {
            tasks.add(new TaskSnapshot(i, ConnectorState.RUNNING, WORKER, null));
        }
        return snapshot(ref, name, time, sequence, state, tasks, masked, new TreeSet<>(maskedKeys));
    }

    /** A snapshot with these tasks (e.g. a RUNNING connector with a FAILED task), no masked keys. */
    public static MetadataEvent snapshot(ClusterRef ref, String name, Instant time, long sequence, ConnectorState state,
                                         List<TaskSnapshot> tasks, Map<String, String> config) {
        return snapshot(ref, name, time, sequence, state, tasks, new TreeMap<>(config), new TreeSet<>());
    }

    /** The two public forms' one builder: {@code masked} already holds the masked values. */
    private static MetadataEvent snapshot(ClusterRef ref, String name, Instant time, long sequence,
                                          ConnectorState state, List<TaskSnapshot> tasks, TreeMap<String, String> masked,
                                          TreeSet<String> maskedKeys) {
        ConnectorSnapshot payload = ConnectorSnapshot.builder()
                .name(name)
                .connectorClass("org.example.FileSourceConnector")
                .connectorType(ConnectorType.SOURCE)
                .state(state)
                .workerId(WORKER)
                .trace(state == ConnectorState.FAILED ? "java.lang.Boom\n\tat x" : null)
                .tasks(tasks)
                .config(masked)
                .maskedKeys(maskedKeys)
                .configFingerprint(ConfigFingerprint.of(masked))
                .cause(ChangeCause.CONFIG_UPDATED)
                .build();
        return new MetadataEvent(UUID.randomUUID().toString(), ref, WORKER, EPOCH, sequence, time, name, payload);
    }

    /** A task on {@link #WORKER}, with a trace when FAILED. */
    public static TaskSnapshot task(int id, ConnectorState state) {
        return new TaskSnapshot(id, state, WORKER, state == ConnectorState.FAILED ? "java.lang.TaskBoom\n\tat y" : null);
    }

    public static MetadataEvent deleted(ClusterRef ref, String name, Instant time, long sequence) {
        return new MetadataEvent(UUID.randomUUID().toString(), ref, WORKER, EPOCH, sequence, time, name,
                new ConnectorDeleted(name));
    }

    public static MetadataEvent inventory(ClusterRef ref, Instant time, long sequence, Map<String, String> connectors) {
        return new MetadataEvent(UUID.randomUUID().toString(), ref, WORKER, EPOCH, sequence, time, null,
                new ClusterInventory(new TreeMap<>(connectors)));
    }
}

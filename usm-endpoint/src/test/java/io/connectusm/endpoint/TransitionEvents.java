package io.connectusm.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConfigFingerprint;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;

/** Snapshots with chosen connector and task states, for the metrics and webhook tests. */
public final class TransitionEvents {

    /** In every failed task's trace: must reach no metric and no webhook. */
    public static final String SECRET = "s3cr3t-Value-that-must-not-leak";

    private TransitionEvents() {
    }

    public static MetadataEvent snapshot(ClusterRef ref, String name, Instant time, long seq, ConnectorState state,
                                  ConnectorState... tasks) {
        TreeMap<String, String> config = new TreeMap<>(Map.of("topics", "orders", "db.password",
                ConnectorSnapshot.MASKED_VALUE));
        List<TaskSnapshot> taskList = new java.util.ArrayList<>();
        for (int i = 0; i < tasks.length; i++) {
            taskList.add(new TaskSnapshot(i, tasks[i], TestEvents.WORKER, tasks[i] == ConnectorState.FAILED
                    ? "org.example.Boom: password=" + SECRET : null));
        }
        ConnectorSnapshot s = ConnectorSnapshot.builder()
                .name(name)
                .connectorClass("org.example.Sink")
                .connectorType(ConnectorType.SINK)
                .state(state)
                .workerId(TestEvents.WORKER)
                .tasks(taskList)
                .config(config)
                .maskedKeys(new TreeSet<>(Set.of("db.password")))
                .configFingerprint(ConfigFingerprint.of(config))
                .cause(ChangeCause.STATE_CHANGED)
                .build();
        return new MetadataEvent(UUID.randomUUID().toString(), ref, TestEvents.WORKER, TestEvents.EPOCH, seq, time,
                name, s);
    }
}

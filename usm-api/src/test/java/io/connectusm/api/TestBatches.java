package io.connectusm.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;

/**
 * CloudEvents batches as a worker extension emits them (through the agent), for tests that need connectors at the
 * endpoint: snapshots with masked keys, tasks and states. Shared with the CLI's tests through the test jar.
 */
public final class TestBatches {

    public static final Instant EPOCH = Instant.parse("2026-11-20T10:00:00Z");
    public static final String WORKER = "worker-1:8083";
    private static final EventCodec CODEC = new EventCodec();

    private TestBatches() {
    }

    /**
     * One snapshot of connector {@code name} of {@code kafka}/{@code connect}: {@code tasks} tasks in
     * {@code state}, {@code config} with every key of {@code masked} replaced by {@code ********}.
     */
    public static MetadataEvent snapshot(String kafka, String connect, String name, Instant time, long sequence,
                                         ConnectorState state, int tasks, Map<String, String> config,
                                         Set<String> masked, ChangeCause cause) {
        TreeMap<String, String> maskedConfig = new TreeMap<>(config);
        masked.forEach(k -> maskedConfig.put(k, ConnectorSnapshot.MASKED_VALUE));
        List<TaskSnapshot> taskList = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            taskList.add(new TaskSnapshot(i, state, WORKER,
                    state == ConnectorState.FAILED ? "org.apache.kafka.connect.errors.ConnectException: boom" : null));
        }
        ConnectorSnapshot payload = ConnectorSnapshot.builder()
                .name(name)
                .connectorClass("org.apache.kafka.connect.file.FileStreamSourceConnector")
                .connectorType(ConnectorType.SOURCE)
                .state(state)
                .workerId(WORKER)
                .trace(state == ConnectorState.FAILED ? "org.apache.kafka.connect.errors.ConnectException: boom" : null)
                .tasks(taskList)
                .config(maskedConfig)
                .maskedKeys(new TreeSet<>(masked))
                .cause(cause)
                .build();
        return new MetadataEvent(UUID.randomUUID().toString(), new ClusterRef(kafka, connect), WORKER, EPOCH, sequence,
                time, name, payload);
    }

    /** The JSON batch of {@code events}. */
    public static byte[] batch(List<MetadataEvent> events) {
        return CODEC.encodeBatch(events);
    }
}

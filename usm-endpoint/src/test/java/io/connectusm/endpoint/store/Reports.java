package io.connectusm.endpoint.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;

/**
 * Events of connector {@code src} as the workers of one Connect cluster report it: each worker has its own epoch
 * and sequence, as real emitters do. Not thread-safe.
 */
final class Reports {

    static final ClusterRef REF = new ClusterRef("kafka-1", "connect-1");
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final String A = "worker-a:8083";
    static final String B = "worker-b:8083";
    static final String NAME = "src";

    private final Map<String, Long> sequences = new TreeMap<>();

    /** A task on {@code worker} in {@code state}. */
    static TaskSnapshot task(int id, ConnectorState state, String worker) {
        return new TaskSnapshot(id, state, worker, state == ConnectorState.FAILED ? "java.lang.Boom" : null);
    }

    /** The snapshot {@code reporter} sends at {@code time}: the connector on {@code owner}, the given tasks. */
    MetadataEvent snapshot(String reporter, Instant time, String topic, ConnectorState state, String owner,
                           ChangeCause cause, TaskSnapshot... tasks) {
        TreeMap<String, String> config = new TreeMap<>(Map.of("connector.class", "FileSource", "topic", topic));
        ConnectorSnapshot s = ConnectorSnapshot.builder()
                .name(NAME)
                .connectorClass("org.example.FileSource")
                .connectorType(ConnectorType.SOURCE)
                .state(state)
                .workerId(owner)
                .tasks(new ArrayList<>(List.of(tasks)))
                .config(config)
                .cause(cause)
                .build();
        return event(reporter, time, s);
    }

    /** A RESYNC of the running connector on {@code owner}, topic {@code t}. */
    MetadataEvent resync(String reporter, Instant time, String owner, TaskSnapshot... tasks) {
        return snapshot(reporter, time, "t", ConnectorState.RUNNING, owner, ChangeCause.RESYNC, tasks);
    }

    /** {@code e}, a snapshot, as made by a REST call of {@code actor}. */
    MetadataEvent withActor(MetadataEvent e, io.connectusm.events.ChangeActor actor) {
        return new MetadataEvent(e.id(), e.cluster(), e.workerId(), e.epoch(), e.sequence(), e.time(), e.subject(),
                ((ConnectorSnapshot) e.payload()).withActor(actor));
    }

    MetadataEvent deleted(String reporter, Instant time) {
        return event(reporter, time, new ConnectorDeleted(NAME));
    }

    private MetadataEvent event(String reporter, Instant time, io.connectusm.events.EventPayload payload) {
        long sequence = sequences.merge(reporter, 1L, Long::sum);
        Instant epoch = reporter.equals(A) ? T0.minusSeconds(3600) : T0.minusSeconds(3500);
        return new MetadataEvent(UUID.randomUUID().toString(), REF, reporter, epoch, sequence, time, NAME, payload);
    }
}

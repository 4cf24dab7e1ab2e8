package io.connectusm.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Realistic events of every type, built only from the public API, shared by the tests. */
final class SampleEvents {

    static final ClusterRef CLUSTER = new ClusterRef("lkc-8x3mq2", "connect-cluster");
    static final String WORKER = "connect-1.internal:8083";
    static final Instant EPOCH = Instant.parse("2025-03-01T08:00:00.123Z");

    /** A value that must never show up in a message: it plays a secret an emitter forgot to mask. */
    static final String CANARY = "Canary-s3cr3t-7f3a9d";

    private static final String JDBC_SINK = "jdbc-sink-orders";
    private static final String JDBC_SINK_CLASS = "io.confluent.connect.jdbc.JdbcSinkConnector";

    private SampleEvents() {
    }

    /** Task 0 running on {@link #WORKER}, task 1 failed on another worker with {@code failure} as its trace's head. */
    private static List<TaskSnapshot> runningAndFailedTask(String failure) {
        return List.of(new TaskSnapshot(0, ConnectorState.RUNNING, WORKER, null),
                new TaskSnapshot(1, ConnectorState.FAILED, "connect-2.internal:8083",
                        failure + "\n\tat Foo.bar(Foo.java:42)"));
    }

    static ConnectorSnapshot snapshot() {
        return ConnectorSnapshot.builder()
                .name(JDBC_SINK)
                .connectorClass(JDBC_SINK_CLASS)
                .connectorType(ConnectorType.SINK)
                .state(ConnectorState.RUNNING)
                .workerId(WORKER)
                .tasks(runningAndFailedTask("org.apache.kafka.connect.errors.ConnectException: connection refused"))
                .config(new TreeMap<>(Map.of(
                        "connector.class", JDBC_SINK_CLASS,
                        "connection.url", "jdbc:postgresql://db:5432/orders",
                        "connection.user", "orders",
                        "connection.password", ConnectorSnapshot.MASKED_VALUE,
                        "topics", "orders",
                        "tasks.max", "2")))
                .maskedKeys(new TreeSet<>(Set.of("connection.password")))
                .cause(ChangeCause.CONFIG_UPDATED)
                .build();
    }

    /**
     * A snapshot of an emitter that gives reasons (every code of version 1, one key per code) and says how it treated
     * the traces: the example of {@code golden/snapshot-with-mask-reasons.json}.
     */
    static ConnectorSnapshot snapshotWithReasons() {
        TreeMap<String, String> config = new TreeMap<>();
        config.put("connector.class", JDBC_SINK_CLASS);
        config.put("connection.url", "jdbc:postgresql://orders:" + ConnectorSnapshot.MASKED_VALUE + "@db:5432/orders");
        config.put("connection.password", ConnectorSnapshot.MASKED_VALUE);
        config.put("datadog.api.key", ConnectorSnapshot.MASKED_VALUE);
        config.put("acme.tenant.key", ConnectorSnapshot.MASKED_VALUE);
        config.put("vendor.blob", ConnectorSnapshot.MASKED_VALUE);
        config.put("http.header.value", ConnectorSnapshot.MASKED_VALUE);
        config.put("topics", "orders");
        config.put("tasks.max", "2");
        TreeMap<String, String> reasons = new TreeMap<>();
        reasons.put("connection.url", MaskReasonCodes.URL);
        reasons.put("connection.password", MaskReasonCodes.TYPE);
        reasons.put("datadog.api.key", MaskReasonCodes.NAME);
        reasons.put("acme.tenant.key", MaskReasonCodes.PATTERN);
        reasons.put("vendor.blob", MaskReasonCodes.POLICY);
        reasons.put("http.header.value", MaskReasonCodes.SHAPE);
        return ConnectorSnapshot.builder()
                .name(JDBC_SINK)
                .connectorClass(JDBC_SINK_CLASS)
                .connectorType(ConnectorType.SINK)
                .state(ConnectorState.RUNNING)
                .workerId(WORKER)
                .tasks(runningAndFailedTask("org.postgresql.util.PSQLException: FATAL: password authentication failed for "
                        + "user \"orders\" (password=" + ConnectorSnapshot.MASKED_VALUE + ")"))
                .config(config)
                .maskedKeys(new TreeSet<>(Set.of("connection.password", "datadog.api.key", "acme.tenant.key", "vendor.blob",
                        "http.header.value")))
                .maskReasons(reasons)
                .cause(ChangeCause.CONFIG_UPDATED)
                .traceMode(TraceMode.SCRUBBED)
                .build();
    }

    /** {@link #snapshot()} paused by alice over REST: a snapshot with an actor. */
    static ConnectorSnapshot snapshotWithActor() {
        ConnectorSnapshot base = snapshot();
        return ConnectorSnapshot.builder()
                .name(base.name())
                .connectorClass(base.connectorClass())
                .connectorType(base.connectorType())
                .state(ConnectorState.PAUSED)
                .workerId(base.workerId())
                .tasks(List.of(new TaskSnapshot(0, ConnectorState.PAUSED, WORKER, null)))
                .config(base.config())
                .maskedKeys(base.maskedKeys())
                .maskReasons(base.maskReasons())
                .configFingerprint(base.configFingerprint())
                .cause(ChangeCause.STATE_CHANGED)
                .traceMode(TraceMode.SCRUBBED)
                .actor(new ChangeActor("alice", "10.1.2.3", "203.0.113.7, 10.0.0.1", "curl/8.5.0",
                        "PUT /connectors/" + base.name() + "/pause", false))
                .build();
    }

    /** {@link #snapshot()} with the topics its tasks used, as a worker that tracks topics sends it. */
    static ConnectorSnapshot snapshotWithTopics() {
        return snapshot().toBuilder().topics(List.of("orders.eu_west-1", "orders")).build();
    }

    static ConnectorDeleted deleted() {
        return new ConnectorDeleted("s3-sink-legacy");
    }

    /** The JDBC sink deleted by alice over REST: a deletion with an actor (no X-Forwarded-For). */
    static ConnectorDeleted deletedWithActor() {
        return new ConnectorDeleted(JDBC_SINK, new ChangeActor("alice", "10.1.2.3", null, "curl/8.5.0",
                "DELETE /connectors/" + JDBC_SINK, false));
    }

    static ClusterInventory inventory() {
        return new ClusterInventory(new TreeMap<>(Map.of(
                JDBC_SINK, snapshot().configFingerprint(),
                "datagen-users", ConfigFingerprint.of(Map.of("connector.class", "DatagenConnector")))));
    }

    static WorkerPlugins plugins() {
        return new WorkerPlugins(WORKER, "4.3.1", List.of(
                new PluginDescriptor("io.confluent.connect.jdbc.JdbcSinkConnector", "sink", "10.8.0"),
                new PluginDescriptor("org.apache.kafka.connect.transforms.InsertField$Value", "transformation", null)));
    }

    static MetadataEvent event(EventPayload payload, long sequence) {
        return new MetadataEvent("6f1c2a9e-0000-4000-8000-" + String.format("%012d", sequence), CLUSTER, WORKER,
                EPOCH, sequence, Instant.parse("2025-03-01T09:30:00.250Z").plusSeconds(sequence), payload);
    }

    /** One event of each type. */
    static List<MetadataEvent> allTypes() {
        return List.of(event(snapshot(), 0), event(deleted(), 1), event(inventory(), 2), event(plugins(), 3));
    }
}

package io.connectusm.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventCodec;
import io.connectusm.events.EventLimits;
import io.connectusm.events.EventScanner;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.ScannedEvent;
import io.connectusm.events.TaskSnapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of the wire codec on a batch of connector snapshots of realistic size (40 config entries, 4 tasks): what the
 * worker pays to encode, what the endpoint pays to decode, and what the agent pays to validate with
 * {@link EventScanner} (its digests included) — each against {@link #baseline}, the least any reader pays: Jackson's
 * parser walking every token of the same bytes.
 *
 * <p>{@code batchSize} spans a single change (1), a typical reconcile burst (100) and a full batch
 * ({@link EventLimits#MAX_EVENTS_PER_BATCH}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventCodecBenchmark {

    private static final int CONFIG_ENTRIES = 40;
    private static final int TASKS = 4;

    @Param({"1", "100", "1000"})
    public int batchSize;

    private final EventCodec codec = new EventCodec();
    private final EventScanner scanner = new EventScanner();
    private final JsonFactory json = new JsonFactory();
    private List<MetadataEvent> batch;
    private byte[] encoded;

    @Setup
    public void prepare() {
        ClusterRef cluster = new ClusterRef("4k0R9d1GTS5tI9f4Y2xZ0Q", "connect-group-xyz123");
        Instant epoch = Instant.parse("2026-11-20T10:00:00Z");
        batch = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            batch.add(new MetadataEvent(UUID.randomUUID().toString(), cluster, "worker-1:8083", epoch, i,
                    epoch.plusMillis(i), snapshot("connector-" + i)));
        }
        encoded = codec.encodeBatch(batch);
    }

    static ConnectorSnapshot snapshot(String name) {
        return snapshot(name, java.util.Map.of());
    }

    /**
     * The benchmarks' MirrorMaker snapshot: {@value #TASKS} running tasks, {@value #CONFIG_ENTRIES} config entries
     * (one masked JAAS config, {@code extra}, then filler settings), cause {@code CONFIG_UPDATED}.
     */
    public static ConnectorSnapshot snapshot(String name, java.util.Map<String, String> extra) {
        SortedMap<String, String> config = new TreeMap<>();
        config.put("connector.class", "org.apache.kafka.connect.mirror.MirrorSourceConnector");
        config.put("name", name);
        config.put("source.cluster.sasl.jaas.config", ConnectorSnapshot.MASKED_VALUE);
        config.putAll(extra);
        for (int i = config.size(); i < CONFIG_ENTRIES; i++) {
            config.put("setting." + i, "value-of-setting-" + i);
        }
        List<TaskSnapshot> tasks = new ArrayList<>();
        for (int t = 0; t < TASKS; t++) {
            tasks.add(new TaskSnapshot(t, ConnectorState.RUNNING, "worker-" + t + ":8083", null));
        }
        return ConnectorSnapshot.builder()
                .name(name)
                .connectorClass("org.apache.kafka.connect.mirror.MirrorSourceConnector")
                .connectorType(ConnectorType.SOURCE)
                .state(ConnectorState.RUNNING)
                .workerId("worker-1:8083")
                .tasks(tasks)
                .config(config)
                .maskedKeys(new TreeSet<>(List.of("source.cluster.sasl.jaas.config")))
                .cause(ChangeCause.CONFIG_UPDATED)
                .build();
    }

    @Benchmark
    public byte[] encodeBatch() {
        return codec.encodeBatch(batch);
    }

    @Benchmark
    public List<MetadataEvent> decodeBatch() {
        return codec.decodeBatch(encoded);
    }

    @Benchmark
    public List<ScannedEvent> scanBatch() {
        return scanner.scanBatch(encoded);
    }

    /** Every token of the batch, strings materialised: the floor under any reader of these bytes. */
    @Benchmark
    public void baseline(Blackhole blackhole) throws IOException {
        try (JsonParser parser = json.createParser(encoded)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                    blackhole.consume(parser.getText());
                }
            }
        }
    }
}

package io.connectusm.endpoint.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.connectusm.endpoint.testing.EachDatabase;
import io.connectusm.endpoint.testing.TestDatabase;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConfigFingerprint;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;

/**
 * Newest-wins under concurrency, the way two replicas on one database race: two stores over two connection pools
 * of the same database, eight threads, each sending small shuffled batches of snapshots and deletions of the same
 * few connectors, alternately to either replica. Times collide on purpose (a few distinct seconds, three emitters),
 * so ties fall to epoch and sequence; batches overlap in connectors, so they also deadlock now and then, which the
 * database breaks and the store retries. Whatever the interleaving, each connector must end as its newest event
 * says, and its history must read in the order of the stamps it took: a lost update shows as an older state
 * winning or as a history entry out of order.
 */
@EachDatabase
class ConcurrentIngestTest {

    static final TestDatabase databases = new TestDatabase();
    static final ClusterRef REF = new ClusterRef("kafka-race", "connect-race");
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00.123456789Z");
    static final int CONNECTORS = 12;
    static final int EVENTS_PER_CONNECTOR = 40;
    static final int THREADS = 8;

    @Test
    void twoReplicasRacingOnTheSameConnectorsKeepTheNewestOfEach() throws Exception {
        DatabaseSettings settings = databases.fresh();
        Database replicaA = databases.open(settings);
        Database replicaB = databases.open(settings);
        String cc = new RegistrationStore(replicaA, new IdGenerator()).createKafkaCluster("env-race", "kafka-race",
                "k", Cloud.AWS, "us-east-1").environment();
        cc = new RegistrationStore(replicaA, new IdGenerator()).createConnectCluster("env-race", "connect-race",
                "kafka-race", null, null, null).id();
        List<ConnectorStore> replicas = List.of(new ConnectorStore(replicaA), new ConnectorStore(replicaB));

        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            List<MetadataEvent> events = events(random, "round" + seed + "-");
            race(replicas, cc, events, random);
            assertConverged(replicas.get(random.nextInt(2)), cc, events);
        }
    }

    /** Every connector's events: three emitters, colliding times, some deletions; shuffled. */
    private static List<MetadataEvent> events(Random random, String prefix) {
        List<MetadataEvent> out = new ArrayList<>();
        Instant[] epochs = {T0.minusSeconds(300), T0.minusSeconds(200), T0.minusSeconds(100)};
        long[] sequences = new long[epochs.length];
        for (int c = 0; c < CONNECTORS; c++) {
            String name = prefix + "connector-" + c;
            for (int e = 0; e < EVENTS_PER_CONNECTOR; e++) {
                int emitter = random.nextInt(epochs.length);
                // 5 distinct seconds and sub-microsecond noise that the store's microsecond stamps must not mistake
                Instant time = T0.plusSeconds(random.nextInt(5)).plusNanos(random.nextInt(999));
                long sequence = sequences[emitter]++;
                // One worker per connector (its three emitters: restarts), so newest-wins is the whole rule; how
                // reports of several workers merge is SnapshotApplierMergeRulesTest's.
                String worker = "worker-" + (c % 3) + ":8083";
                out.add(random.nextInt(8) == 0 ? deleted(name, worker, epochs[emitter], sequence, time)
                        : snapshot(name, worker, epochs[emitter], sequence, time, random));
            }
        }
        Collections.shuffle(out, random);
        return out;
    }

    private static void race(List<ConnectorStore> replicas, String cc, List<MetadataEvent> events, Random random)
            throws Exception {
        List<List<MetadataEvent>> batches = new ArrayList<>();
        for (int i = 0; i < events.size(); ) {
            int size = 1 + random.nextInt(5);
            batches.add(events.subList(i, Math.min(events.size(), i + size)));
            i += size;
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int b = thread; b < batches.size(); b += THREADS) {
                        replicas.get(b % 2).apply(Map.of(cc, batches.get(b)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertConverged(ConnectorStore store, String cc, List<MetadataEvent> events) {
        Map<String, List<MetadataEvent>> byConnector = new TreeMap<>();
        events.forEach(e -> byConnector.computeIfAbsent(e.subject(), k -> new ArrayList<>()).add(e));
        byConnector.forEach((name, list) -> {
            MetadataEvent newest = list.stream().max(Comparator.comparing(EventStamp::of)).orElseThrow();
            Optional<StoredConnector> stored = store.get(cc, name);
            List<HistoryEntry> history = store.history(cc, name); // newest first
            if (newest.payload() instanceof ConnectorSnapshot s) {
                assertThat(stored).as(name).get().satisfies(c -> {
                    assertThat(c.state()).isEqualTo(s.state().name());
                    assertThat(c.config()).isEqualTo(s.config());
                    assertThat(c.workerId()).isEqualTo(s.workerId());
                });
                assertThat(history).as(name).isNotEmpty();
                assertThat(history.get(0).state()).as(name).isEqualTo(s.state().name());
                assertThat(history.get(0).configFingerprint()).as(name).isEqualTo(s.configFingerprint());
            } else {
                assertThat(stored).as(name).isEmpty();
                assertThat(store.known(cc, name)).isTrue();
                if (!history.isEmpty()) {
                    assertThat(history.get(0).kind()).as(name).isEqualTo(HistoryKind.DELETED);
                }
            }
            List<Instant> times = history.stream().map(HistoryEntry::time).toList();
            List<Instant> ordered = new ArrayList<>(times);
            ordered.sort(Comparator.reverseOrder());
            assertThat(times).as(name + ": history in the order of the stamps taken").isEqualTo(ordered);
        });
    }

    private static MetadataEvent snapshot(String name, String worker, Instant epoch, long sequence, Instant time,
                                          Random random) {
        ConnectorState state = ConnectorState.values()[random.nextInt(ConnectorState.values().length)];
        TreeMap<String, String> config = new TreeMap<>(Map.of("connector.class", "FileSource",
                "topic", "topic-" + random.nextInt(4)));
        ConnectorSnapshot s = ConnectorSnapshot.builder()
                .name(name)
                .connectorClass("org.example.FileSource")
                .connectorType(ConnectorType.SOURCE)
                .state(state)
                .workerId(worker)
                .tasks(List.of(new TaskSnapshot(0, state, worker, null)))
                .config(config)
                .configFingerprint(ConfigFingerprint.of(config))
                .cause(ChangeCause.RESYNC)
                .build();
        return new MetadataEvent(UUID.randomUUID().toString(), REF, worker, epoch, sequence, time, name, s);
    }

    private static MetadataEvent deleted(String name, String worker, Instant epoch, long sequence, Instant time) {
        return new MetadataEvent(UUID.randomUUID().toString(), REF, worker, epoch, sequence, time, name,
                new ConnectorDeleted(name));
    }

    /** Stamps in the test compare as the store compares them: microsecond times. */
    static {
        assertThat(EventStamp.of(deleted("x", "worker-0:8083", T0, 0, T0)).time()).isEqualTo(T0.truncatedTo(ChronoUnit.MICROS));
    }
}

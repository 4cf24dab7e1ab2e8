package io.connectusm.agent.spool;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectusm.agent.TestEvents;
import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.ScannedEvent;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool against a model of its rules, on generated histories written to defeat a batch's look-ahead: batches
 * where one connector comes several times (from several workers, with states it had before), duplicates among them,
 * inventories (never duplicates), histories of 1–3 states so that a batch coalesces away its own events, a byte limit
 * that refuses some batches (a refused batch that brought a new connector must not leave it in the forwarding order),
 * acknowledgements of part of what is pending, and restarts between any two steps. After every step the spool must
 * hold exactly the model's pending events, in the model's forwarding order, with the model's byte count; every
 * append must be stored, deduplicated or refused as the model says.
 *
 * <p>The model is the spool's rule set written the plain way, a map and a copied {@link SameState} per key and batch
 * (what the index did before it learnt to do without them), on its own entry numbers.
 */
class SpoolModelTest {

    private static final String[] CONNECTORS = {"a", "b", "c", "d", "e"};
    private static final String[] WORKERS = {"w1:8083", "w2:8083", "w3:8083"};
    private static final String[] TOPICS = {"t1", "t2", "t3"};

    @TempDir
    Path dir;

    /** One pending event in the model. */
    private record Entry(long number, String id, String digest, String worker, int length) {
    }

    /** One key in the model. */
    private static final class ModelKey {
        SameState same = new SameState();
        final Deque<Entry> pending = new ArrayDeque<>();
        /** What the spool's forwarded map holds for the key, {@code null} before its first forward. */
        String forwarded;
        /** When the key first stored an entry (its number in the store's keys map). */
        long number;
    }

    /** The spool's rules, the plain way. */
    private static final class Model {
        final int history;
        final long maxBytes;
        final LinkedHashMap<String, ModelKey> keys = new LinkedHashMap<>();
        long bytes;
        long next = 1;
        long nextNumber = 1;

        Model(int history, long maxBytes) {
            this.history = history;
            this.maxBytes = maxBytes;
        }

        /** {stored, deduplicated}, or {@code null} when refused. */
        int[] append(List<MetadataEvent> events, List<ScannedEvent> scanned) {
            Map<String, List<Integer>> added = new LinkedHashMap<>();
            Map<String, SameState> last = new HashMap<>();
            long addedBytes = 0;
            int deduplicated = 0;
            for (int i = 0; i < events.size(); i++) {
                String key = keyOf(events.get(i));
                SameState same = last.computeIfAbsent(key,
                        k -> keys.containsKey(k) ? keys.get(k).same.copy() : new SameState());
                String digest = SpoolRecord.hex(scanned.get(i).stateDigest());
                String worker = IncomingEvent.workerOf(scanned.get(i));
                if (same.isDuplicate(digest, worker) && !key.equals("inventory")) {
                    deduplicated++;
                    continue;
                }
                same.stored(digest, worker, SameState.FORWARDED);
                added.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
                addedBytes += scanned.get(i).length();
            }
            if (bytes + addedBytes > maxBytes) {
                long growth = addedBytes;
                for (Map.Entry<String, List<Integer>> e : added.entrySet()) {
                    ModelKey k = keys.get(e.getKey());
                    int existing = k == null ? 0 : k.pending.size();
                    int excess = Math.max(0, existing + e.getValue().size() - history);
                    List<Entry> oldest = k == null ? List.of() : new ArrayList<>(k.pending);
                    for (int i = 0; excess > 0 && i < existing; i++, excess--) {
                        growth -= oldest.get(i).length();
                    }
                    for (int i = 0; i < excess; i++) {
                        growth -= scanned.get(e.getValue().get(i)).length();
                    }
                }
                if (growth > 0 && bytes + growth > maxBytes) {
                    return null;
                }
            }
            for (Map.Entry<String, List<Integer>> e : added.entrySet()) {
                ModelKey k = keys.get(e.getKey());
                if (k == null) {
                    k = new ModelKey();
                    k.number = nextNumber++;
                    keys.put(e.getKey(), k);
                } else if (k.pending.isEmpty()) {
                    keys.remove(e.getKey());
                    keys.put(e.getKey(), k);
                }
                int excess = Math.max(0, k.pending.size() + e.getValue().size() - history);
                while (excess > 0 && !k.pending.isEmpty()) {
                    Entry oldest = k.pending.removeFirst();
                    k.same.removed(oldest.number());
                    bytes -= oldest.length();
                    excess--;
                }
                for (int i : e.getValue()) {
                    String digest = SpoolRecord.hex(scanned.get(i).stateDigest());
                    if (excess > 0) {
                        k.same.skipped(digest);
                        excess--;
                        continue;
                    }
                    Entry entry = new Entry(next++, events.get(i).id(), digest,
                            IncomingEvent.workerOf(scanned.get(i)), scanned.get(i).length());
                    k.pending.addLast(entry);
                    k.same.stored(digest, entry.worker(), entry.number());
                    bytes += entry.length();
                }
            }
            return new int[] {events.size() - deduplicated, deduplicated};
        }

        List<String> pending() {
            List<String> ids = new ArrayList<>();
            keys.values().forEach(k -> k.pending.forEach(e -> ids.add(e.id())));
            return ids;
        }

        void acknowledge(List<String> ids) {
            for (ModelKey k : keys.values()) {
                if (k.pending.removeIf(e -> ids.contains(e.id()))) {
                    if (k.pending.isEmpty()) {
                        k.same.allForwarded();
                        k.forwarded = k.same.encodeForwarded();
                    }
                }
            }
            bytes = keys.values().stream().flatMap(k -> k.pending.stream()).mapToLong(Entry::length).sum();
        }

        /**
         * What a restart leaves of each key's deduplication state (what was forwarded, then the pending entries) and
         * of the order: keys load in the order they were numbered (first stored), which is the forwarding order then.
         */
        void restart() {
            List<Map.Entry<String, ModelKey>> byNumber = new ArrayList<>(keys.entrySet());
            byNumber.sort(java.util.Comparator.comparingLong(e -> e.getValue().number));
            keys.clear();
            byNumber.forEach(e -> keys.put(e.getKey(), e.getValue()));
            for (ModelKey k : keys.values()) {
                k.same = k.forwarded == null ? new SameState() : SameState.decodeForwarded(k.forwarded);
                for (Entry e : k.pending) {
                    k.same.stored(e.digest(), e.worker(), e.number());
                }
            }
        }

        private static String keyOf(MetadataEvent event) {
            return event.payload() instanceof ClusterInventory ? "inventory" : event.subject();
        }
    }

    @Test
    void holdsWhatTheRulesSayThroughGeneratedHistories() throws Exception {
        for (long seed = 1; seed <= 24; seed++) {
            run(seed);
        }
    }

    private void run(long seed) throws Exception {
        Random random = new Random(seed);
        int history = 1 + random.nextInt(3);
        int eventBytes = BatchCodec.encode(TestEvents.snapshot(CLUSTER, "a", "t1")).length;
        long maxBytes = (long) eventBytes * (3 + random.nextInt(8));
        Model model = new Model(history, maxBytes);
        Path spoolDir = dir.resolve("seed-" + seed);
        SpoolSettings settings = new SpoolSettings(spoolDir, maxBytes, history, 64);
        Spool spool = Spool.open(settings, new SpoolMetrics(new PrometheusRegistry()), () -> { }, Clock.systemUTC());
        try {
            for (int step = 0; step < 60; step++) {
                String at = "seed " + seed + " step " + step;
                int op = random.nextInt(10);
                if (op < 7) {
                    List<MetadataEvent> batch = batch(random);
                    List<ScannedEvent> scanned = TestEvents.scanned(batch);
                    int[] expected = model.append(batch, scanned);
                    try {
                        AppendResult result = spool.append(scanned).get();
                        assertThat(expected).as(at + ": the model refused it").isNotNull();
                        assertThat(new int[] {result.stored(), result.deduplicated()}).as(at).containsExactly(expected);
                    } catch (ExecutionException e) {
                        assertThat(e.getCause()).as(at).isInstanceOf(SpoolFullException.class);
                        assertThat(expected).as(at + ": the model stored it").isNull();
                    }
                } else if (op < 9) {
                    List<PendingEvent> sent = spool.pending(1 + random.nextInt(4)).get();
                    spool.acknowledge(sent).get();
                    model.acknowledge(sent.stream().map(p -> p.event().id()).toList());
                } else {
                    spool.close();
                    spool = Spool.open(settings, new SpoolMetrics(new PrometheusRegistry()), () -> { },
                            Clock.systemUTC());
                    model.restart();
                }
                assertThat(spool.pending(1000).get().stream().map(p -> p.event().id()).toList()).as(at)
                        .containsExactlyElementsOf(model.pending());
                assertThat(spool.pendingBytes()).as(at).isEqualTo(model.bytes);
            }
        } finally {
            spool.close();
        }
    }

    /** 1–6 events: connectors that repeat within the batch, from several workers, states they had before. */
    private static List<MetadataEvent> batch(Random random) {
        List<MetadataEvent> batch = new ArrayList<>();
        int size = 1 + random.nextInt(6);
        for (int i = 0; i < size; i++) {
            MetadataEvent event = random.nextInt(8) == 0 ? TestEvents.inventory(CLUSTER, "a", "b")
                    : TestEvents.snapshot(CLUSTER, CONNECTORS[random.nextInt(CONNECTORS.length)],
                            TOPICS[random.nextInt(TOPICS.length)],
                            random.nextBoolean() ? ConnectorState.RUNNING : ConnectorState.PAUSED);
            String worker = WORKERS[random.nextInt(WORKERS.length)];
            batch.add(new MetadataEvent(UUID.randomUUID().toString(), event.cluster(), worker, event.epoch(),
                    event.sequence(), event.time(), event.subject(), event.payload()));
        }
        return batch;
    }
}

package io.connectusm.agent.spool;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static io.connectusm.agent.TestEvents.OTHER_CLUSTER;
import static io.connectusm.agent.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectusm.agent.TestEvents;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.ScannedEvent;
import io.connectusm.testkit.LogCapture;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jol.info.GraphLayout;

class SpoolTest {

    static {
        // JOL reads record fields (SpoolKey) through its "magic" offsets; Unsafe refuses records on JDK 17.
        System.setProperty("jol.magicFieldOffset", "true");
    }

    @TempDir
    Path dir;

    private final SpoolMetrics metrics = new SpoolMetrics(new PrometheusRegistry());

    private Spool open(long maxBytes, int history) throws Exception {
        return Spool.open(new SpoolSettings(dir, maxBytes, history, 64), metrics, () -> { }, Clock.systemUTC());
    }

    /** Appends events as the data plane does: encoded as a worker would, scanned, their bytes stored. */
    private static CompletableFuture<AppendResult> append(Spool spool, List<MetadataEvent> events) {
        return spool.append(TestEvents.scanned(events));
    }

    private static List<String> ids(List<PendingEvent> pending) {
        return pending.stream().map(p -> p.event().id()).toList();
    }

    @Test
    void theSpoolDirectoryAndItsFilesAreTheOwnersOnly() throws Exception {
        Path fresh = dir.resolve("fresh-spool");
        try (Spool spool = Spool.open(new SpoolSettings(fresh, 1 << 20, 4, 64), metrics, () -> { },
                Clock.systemUTC())) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
                    .isEqualTo("rwx------");
            try (java.util.stream.Stream<Path> files = Files.list(fresh)) {
                for (Path file : files.toList()) {
                    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(file))).as(file.toString()).isEqualTo("rw-------");
                }
            }
        }
    }

    @Test
    void keepsAppendedEventsAcrossReopen() throws Exception {
        MetadataEvent a = snapshot(CLUSTER, "a", "t1");
        MetadataEvent b = snapshot(CLUSTER, "b", "t1");
        try (Spool spool = open(1 << 20, 4)) {
            assertThat(append(spool, List.of(a, b)).get(5, TimeUnit.SECONDS).stored()).isEqualTo(2);
        }
        try (Spool spool = open(1 << 20, 4)) {
            assertThat(ids(spool.pending(100).get())).containsExactly(a.id(), b.id());
            assertThat(spool.pendingKeys()).isEqualTo(2);
            assertThat(spool.pendingBytes()).isPositive();
        }
    }

    @Test
    void doesNotSpoolOrForwardTheSameStateTwice() throws Exception {
        try (Spool spool = open(1 << 20, 4)) {
            MetadataEvent first = snapshot(CLUSTER, "a", "t1");
            append(spool, List.of(first)).get();
            // The same state again (another id, time, cause): a duplicate while pending...
            assertThat(append(spool, List.of(snapshot(CLUSTER, "a", "t1"))).get().deduplicated()).isEqualTo(1);
            spool.acknowledge(spool.pending(10).get()).get();
            // ...and after it was forwarded.
            assertThat(append(spool, List.of(snapshot(CLUSTER, "a", "t1"))).get().deduplicated()).isEqualTo(1);
            assertThat(spool.pending(10).get()).isEmpty();
            // A real change is spooled.
            assertThat(append(spool, List.of(snapshot(CLUSTER, "a", "t2"))).get().stored()).isEqualTo(1);
        }
        try (Spool spool = open(1 << 20, 4)) {
            // What was forwarded is remembered across a restart too.
            assertThat(append(spool, List.of(snapshot(CLUSTER, "a", "t2"))).get().deduplicated()).isEqualTo(1);
        }
    }

    /** {@code e} as worker {@code workerId} sends it (another id and time). */
    private static MetadataEvent from(String workerId, MetadataEvent e) {
        return new MetadataEvent(java.util.UUID.randomUUID().toString(), e.cluster(), workerId, e.epoch(),
                e.sequence(), e.time().plusSeconds(1), e.subject(), e.payload());
    }

    /**
     * Issue #12: deduplicated per connector and worker. Another worker's report of the last state is spooled once (it
     * settles which worker is authoritative at the endpoint), pending or forwarded, also across a restart; a worker
     * whose last report differs from the connector's last state is spooled, even if it said that state before.
     */
    @Test
    void deduplicatesPerConnectorAndWorker() throws Exception {
        MetadataEvent first = snapshot(CLUSTER, "a", "t1");
        try (Spool spool = open(1 << 20, 4)) {
            append(spool, List.of(first)).get();
            assertThat(append(spool, List.of(from("worker-2:8083", first))).get().stored()).isEqualTo(1);
            assertThat(append(spool, List.of(from("worker-2:8083", first), from("worker-1:8083", first))).get()
                    .deduplicated()).isEqualTo(2);
            spool.acknowledge(spool.pending(10).get()).get();
            assertThat(append(spool, List.of(from("worker-2:8083", first))).get().deduplicated()).isEqualTo(1);
        }
        try (Spool spool = open(1 << 20, 4)) {
            assertThat(append(spool, List.of(from("worker-1:8083", first), from("worker-2:8083", first))).get()
                    .deduplicated()).isEqualTo(2);
            assertThat(append(spool, List.of(from("worker-3:8083", first))).get().stored()).isEqualTo(1);
            // worker-2 reports another state, then the first again: new to worker-1's view of the connector too.
            MetadataEvent second = snapshot(CLUSTER, "a", "t2");
            assertThat(append(spool, List.of(from("worker-2:8083", second), from("worker-1:8083", first))).get()
                    .stored()).isEqualTo(2);
        }
    }

    /**
     * An unchanged cluster's inventory is spooled every time its worker sends it (once per resync interval): for an
     * idle cluster it is what tells the endpoint the cluster is alive, while its unchanged snapshots stay
     * deduplicated.
     */
    @Test
    void anUnchangedInventoryIsNeverADuplicateWhileAnUnchangedSnapshotIs() throws Exception {
        MetadataEvent inventory = TestEvents.inventory(CLUSTER, "a", "b");
        MetadataEvent snapshot = snapshot(CLUSTER, "a", "t1");
        try (Spool spool = open(1 << 20, 4)) {
            append(spool, List.of(inventory, snapshot)).get();
            spool.acknowledge(spool.pending(10).get()).get();

            var again = append(spool, List.of(from("worker-1:8083", inventory), from("worker-1:8083", snapshot))).get();

            assertThat(again.stored()).as("the inventory").isEqualTo(1);
            assertThat(again.deduplicated()).as("the snapshot").isEqualTo(1);
        }
    }

    /** A worker's report coalesced away before it was forwarded is not what its next same report is compared with. */
    @Test
    void aWorkersReportCoalescedAwayUnsentDoesNotDeduplicateItsNext() throws Exception {
        try (Spool spool = open(1 << 20, 2)) {
            MetadataEvent running = snapshot(CLUSTER, "a", "t1");
            append(spool, List.of(from("worker-1:8083", running))).get();
            append(spool, List.of(from("worker-2:8083", running))).get();
            append(spool, List.of(from("worker-3:8083", running))).get();
            // worker-1's entry went (history 2): its report of the state is spooled again.
            assertThat(append(spool, List.of(from("worker-1:8083", running))).get().stored()).isEqualTo(1);
            assertThat(append(spool, List.of(from("worker-3:8083", running))).get().deduplicated()).isEqualTo(1);
        }
    }

    @Test
    void coalescesEachConnectorToItsBoundedHistory() throws Exception {
        try (Spool spool = open(1 << 20, 3)) {
            List<MetadataEvent> updates = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                updates.add(snapshot(CLUSTER, "a", "t" + i));
            }
            append(spool, updates).get();
            assertThat(ids(spool.pending(100).get())).containsExactly(updates.get(7).id(), updates.get(8).id(),
                    updates.get(9).id());
            assertThat(metrics.coalesced.get()).isEqualTo(7);
        }
    }

    @Test
    void refusesWhenFullInsteadOfDropping() throws Exception {
        try (Spool spool = open(4096, 4)) {
            List<MetadataEvent> kept = TestEvents.snapshots(CLUSTER, "c", 3);
            append(spool, kept).get();
            CompletableFuture<AppendResult> refused = append(spool, TestEvents.snapshots(CLUSTER, "d", 10));
            assertThatThrownBy(refused::get).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SpoolFullException.class);
            // The refused batch's connectors were new: the index does not keep them either.
            assertThat((java.util.Map<?, ?>) spool.indexForTests()).hasSize(3);
            assertThat(ids(spool.pending(100).get())).containsExactlyElementsOf(kept.stream().map(MetadataEvent::id).toList());
        }
    }

    @Test
    void admitsANewStateThatReplacesItsOwnOldestWhenFull() throws Exception {
        MetadataEvent a1 = snapshot(CLUSTER, "a", "t1");
        MetadataEvent a2 = snapshot(CLUSTER, "a", "t2");
        MetadataEvent a3 = snapshot(CLUSTER, "a", "t3");
        MetadataEvent a4 = snapshot(CLUSTER, "a", "t4");
        MetadataEvent b1 = snapshot(CLUSTER, "b", "t1");
        long max = BatchCodec.encode(a1).length + BatchCodec.encode(a2).length + 100;
        try (Spool spool = open(max, 2)) {
            append(spool, List.of(a1, a2)).get();
            // Full: a new connector's state would grow the spool past its limit...
            assertThatThrownBy(() -> append(spool, List.of(b1)).get()).hasCauseInstanceOf(SpoolFullException.class);
            // ...but a new state of a connector whose history is full only replaces its oldest one.
            assertThat(append(spool, List.of(a3)).get().stored()).isEqualTo(1);
            assertThat(ids(spool.pending(10).get())).containsExactly(a2.id(), a3.id());
            assertThat(spool.pendingBytes()).isLessThanOrEqualTo(max);
            // A batch is all or nothing: one event that does not fit refuses it whole.
            assertThatThrownBy(() -> append(spool, List.of(a4, b1)).get()).hasCauseInstanceOf(SpoolFullException.class);
            assertThat(ids(spool.pending(10).get())).containsExactly(a2.id(), a3.id());
            // Once the endpoint took some, there is room again.
            spool.acknowledge(spool.pending(1).get()).get();
            assertThat(append(spool, List.of(b1)).get().stored()).isEqualTo(1);
            assertThat(ids(spool.pending(10).get())).containsExactly(a3.id(), b1.id());
        }
    }

    @Test
    void heapHoldsKeysAndEntryNumbersNotEvents() throws Exception {
        try (Spool spool = open(1L << 30, 1000)) {
            List<MetadataEvent> first = new ArrayList<>();
            for (int k = 0; k < 20; k++) {
                first.add(snapshot(CLUSTER, "c" + k, "t0"));
            }
            append(spool, first).get();
            long withOneEach = GraphLayout.parseInstance(spool.indexForTests()).totalSize();
            for (int round = 1; round < 500; round += 25) {
                List<MetadataEvent> batch = new ArrayList<>();
                for (int k = 0; k < 20; k++) {
                    for (int i = round; i < round + 25; i++) {
                        batch.add(snapshot(CLUSTER, "c" + k, "t" + i));
                    }
                }
                append(spool, batch).get();
            }
            assertThat(spool.pendingEvents()).isEqualTo(20 * 501);
            assertThat(spool.pendingBytes()).isGreaterThan(8_000_000L);
            // 10,020 pending events (over 8 MB) and the in-memory index grew by their entry numbers only, eight bytes
            // each (in arrays that at most double): the events are in the store file, read back only when forwarded.
            long withFiveHundredOneEach = GraphLayout.parseInstance(spool.indexForTests()).totalSize();
            assertThat(withFiveHundredOneEach).isLessThanOrEqualTo(withOneEach + 2 * 8 * 20 * 500)
                    .isLessThan(spool.pendingBytes() / 50);
            assertThat(ids(spool.pending(1000).get())).hasSize(1000).startsWith(first.get(0).id());
            // And the log's index of where each event is: a few dozen bytes per event, no object per event.
            assertThat(GraphLayout.parseInstance(spool.entryLocationsForTests()).totalSize())
                    .isLessThan(64L * spool.pendingEvents());
        }
    }

    @Test
    void migratesTheLayoutOfEarlierAgents() throws Exception {
        List<MetadataEvent> a = List.of(snapshot(CLUSTER, "a", "t1"), snapshot(CLUSTER, "a", "t2"));
        MetadataEvent b = snapshot(CLUSTER, "b", "t1");
        Files.createDirectories(dir);
        MVStore store = new MVStore.Builder().fileName(dir.resolve(Spool.FILE_NAME).toString()).open();
        MVMap<String, byte[]> legacy = store.openMap(LegacyMigration.LEGACY_PENDING_MAP);
        legacy.put(new SpoolKey(CLUSTER, "connector", "a").encode(), TestEvents.batch(a));
        legacy.put(new SpoolKey(CLUSTER, "connector", "b").encode(), TestEvents.batch(List.of(b)));
        store.close();
        try (Spool spool = open(1 << 20, 4)) {
            assertThat(ids(spool.pending(10).get())).containsExactly(a.get(0).id(), a.get(1).id(), b.id());
            // Still deduplicated against the migrated newest state.
            assertThat(append(spool, List.of(snapshot(CLUSTER, "a", "t2"))).get().deduplicated()).isEqualTo(1);
        }
        try (Spool spool = open(1 << 20, 4)) {
            assertThat(spool.pendingEvents()).isEqualTo(3);
        }
        assertThat(metrics.damaged.get()).isZero();
    }

    @Test
    void acknowledgingStatesCoalescedAwayWhileBeingSentKeepsTheNewerOnes() throws Exception {
        try (Spool spool = open(1 << 20, 2)) {
            MetadataEvent a1 = snapshot(CLUSTER, "a", "t1");
            MetadataEvent a2 = snapshot(CLUSTER, "a", "t2");
            append(spool, List.of(a1, a2)).get();
            List<PendingEvent> sent = spool.pending(10).get();
            MetadataEvent a3 = snapshot(CLUSTER, "a", "t3");
            MetadataEvent a4 = snapshot(CLUSTER, "a", "t4");
            append(spool, List.of(a3, a4)).get();
            spool.acknowledge(sent).get();
            assertThat(ids(spool.pending(10).get())).containsExactly(a3.id(), a4.id());
            assertThat(spool.pendingEvents()).isEqualTo(2);
            spool.acknowledge(spool.pending(10).get()).get();
            assertThat(spool.pendingEvents()).isZero();
            assertThat(spool.pendingBytes()).isZero();
            assertThat(append(spool, List.of(snapshot(CLUSTER, "a", "t4"))).get().deduplicated()).isEqualTo(1);
        }
    }

    @Test
    void continuesEachKeysHistoryAfterARestart() throws Exception {
        List<MetadataEvent> a = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            a.add(snapshot(CLUSTER, "a", "t" + i));
        }
        try (Spool spool = open(1 << 20, 4)) {
            append(spool, a.subList(0, 3)).get();
        }
        try (Spool spool = open(1 << 20, 4)) {
            // The new states go after the ones already stored (not over them), and the oldest is coalesced away.
            append(spool, a.subList(3, 5)).get();
            assertThat(ids(spool.pending(10).get())).containsExactly(a.get(1).id(), a.get(2).id(), a.get(3).id(),
                    a.get(4).id());
        }
        try (Spool spool = open(1 << 20, 4)) {
            assertThat(ids(spool.pending(10).get())).containsExactly(a.get(1).id(), a.get(2).id(), a.get(3).id(),
                    a.get(4).id());
            assertThat(spool.pendingBytes()).isEqualTo(a.subList(1, 5).stream().mapToLong(e -> BatchCodec.encode(e).length).sum());
        }
    }

    @Test
    void acknowledgeDeletesOnlyWhatWasSent() throws Exception {
        try (Spool spool = open(1 << 20, 4)) {
            MetadataEvent a1 = snapshot(CLUSTER, "a", "t1");
            append(spool, List.of(a1)).get();
            List<PendingEvent> sent = spool.pending(10).get();
            MetadataEvent a2 = snapshot(CLUSTER, "a", "t2", ConnectorState.PAUSED);
            append(spool, List.of(a2)).get();
            spool.acknowledge(sent).get();
            assertThat(ids(spool.pending(10).get())).containsExactly(a2.id());
        }
    }

    @Test
    void dropsDeregisteredClustersOnly() throws Exception {
        try (Spool spool = open(1 << 20, 4)) {
            MetadataEvent keep = snapshot(CLUSTER, "a", "t1");
            append(spool, List.of(keep, snapshot(OTHER_CLUSTER, "a", "t1"), snapshot(OTHER_CLUSTER, "b", "t1"))).get();
            assertThat(spool.dropClusters(Set.of(OTHER_CLUSTER)).get()).isEqualTo(2);
            assertThat(ids(spool.pending(10).get())).containsExactly(keep.id());
            assertThat(metrics.droppedUnregistered.get()).isEqualTo(2);
        }
    }

    @Test
    void groupCommitsConcurrentAppends() throws Exception {
        try (Spool spool = open(64 << 20, 4)) {
            List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(append(spool, List.of(snapshot(CLUSTER, "c" + i, "t"))));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            assertThat(spool.pendingEvents()).isEqualTo(50);
        }
        try (Spool spool = open(64 << 20, 4)) {
            assertThat(spool.pendingEvents()).isEqualTo(50);
        }
    }

    @Test
    void skipsAndCountsDamagedEntriesAtStart() throws Exception {
        MetadataEvent good = snapshot(CLUSTER, "a", "t1");
        try (Spool spool = open(1 << 20, 4)) {
            append(spool, List.of(good)).get();
        }
        MVStore store = new MVStore.Builder().fileName(dir.resolve(Spool.FILE_NAME).toString()).open();
        MVMap<String, byte[]> events = store.openMap("events");
        String broken = new SpoolKey(CLUSTER, "connector", "broken").encode();
        events.put(SpoolRecord.storeKey(broken, 0), SpoolRecord.previousValue(new byte[32], "{\"not\":\"an event\"".getBytes()));
        events.put(SpoolRecord.storeKey(broken, 1), new byte[] {1, 2, 3});
        events.put("no-key-shape", BatchCodec.encode(good));
        // The same kinds of damage in the layout of earlier agents, which is migrated at start.
        MVMap<String, byte[]> legacy = store.openMap(LegacyMigration.LEGACY_PENDING_MAP);
        legacy.put(broken, "[{\"not\":\"an event\"".getBytes());
        legacy.put("no-key-shape", new byte[] {1, 2, 3});
        // And in the layout before the log (moved into it at start): an entry of a key number nobody has, an entry
        // that is not an event, a key that is no key.
        MVMap<Long, byte[]> entries = store.openMap(SpoolFile.ENTRIES_MAP, new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        ScannedEvent scannedGood = TestEvents.scanned(List.of(good)).get(0);
        byte[] ofNobody = SpoolRecord.value(scannedGood.stateDigest(), scannedGood);
        SpoolRecord.setKeyNumber(ofNobody, 999);
        entries.put(1000L, ofNobody);
        entries.put(1001L, new byte[] {1, 2, 3});
        MVMap<Long, String> keys = store.openMap(SpoolFile.KEYS_MAP, new MVMap.Builder<Long, String>()
                .keyType(LongDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        keys.put(998L, "not/a/key");
        store.close();
        try (Spool spool = open(1 << 20, 4)) {
            assertThat(ids(spool.pending(10).get())).containsExactly(good.id());
            assertThat(spool.pendingEvents()).isEqualTo(1);
            assertThat(metrics.damaged.get()).isEqualTo(7);
            assertThat(spool.isWritable()).isTrue();
        }
    }

    @Test
    void movesTheEntriesOfThePreviousLayoutKeepingOrderAndDeduplication() throws Exception {
        List<MetadataEvent> a = List.of(snapshot(CLUSTER, "a", "t1"), snapshot(CLUSTER, "a", "t2"));
        MetadataEvent b = snapshot(CLUSTER, "b", "t1");
        Files.createDirectories(dir);
        MVStore store = new MVStore.Builder().fileName(dir.resolve(Spool.FILE_NAME).toString()).open();
        MVMap<String, byte[]> events = store.openMap(SpoolFile.EVENTS_MAP);
        String prefixA = new SpoolKey(CLUSTER, "connector", "a").encode();
        List<ScannedEvent> scannedA = TestEvents.scanned(a);
        events.put(SpoolRecord.storeKey(prefixA, 7), SpoolRecord.previousValue(scannedA.get(0).stateDigest(),
                scannedA.get(0).json()));
        events.put(SpoolRecord.storeKey(prefixA, 8), SpoolRecord.previousValue(scannedA.get(1).stateDigest(),
                scannedA.get(1).json()));
        ScannedEvent scannedB = TestEvents.scanned(List.of(b)).get(0);
        events.put(SpoolRecord.storeKey(new SpoolKey(CLUSTER, "connector", "b").encode(), 0),
                SpoolRecord.previousValue(scannedB.stateDigest(), scannedB.json()));
        store.<String, String>openMap("forwarded").put(new SpoolKey(CLUSTER, "connector", "c").encode(), "00");
        store.close();
        try (Spool spool = open(1 << 20, 4)) {
            assertThat(ids(spool.pending(10).get())).containsExactly(a.get(0).id(), a.get(1).id(), b.id());
            assertThat(append(spool, List.of(snapshot(CLUSTER, "a", "t2"))).get().deduplicated()).isEqualTo(1);
            assertThat(append(spool, List.of(snapshot(CLUSTER, "a", "t3"))).get().stored()).isEqualTo(1);
        }
        try (Spool spool = open(1 << 20, 4)) {
            assertThat(spool.pendingEvents()).isEqualTo(4);
            assertThat(metrics.damaged.get()).isZero();
        }
        MVStore reopened = new MVStore.Builder().fileName(dir.resolve(Spool.FILE_NAME).toString()).readOnly().open();
        assertThat(reopened.hasMap(SpoolFile.EVENTS_MAP)).as("the previous layout's map is gone").isFalse();
        reopened.close();
    }

    /** Writes a spool as the agent before the log did: events in the MVStore's entries map, its own marker. */
    private void writeTheLayoutBeforeTheLog(List<MetadataEvent> events) throws Exception {
        List<ScannedEvent> scanned = TestEvents.scanned(events);
        Files.createDirectories(dir);
        MVStore store = new MVStore.Builder().fileName(dir.resolve(Spool.FILE_NAME).toString()).open();
        MVMap<Long, String> keys = store.openMap(SpoolFile.KEYS_MAP, new MVMap.Builder<Long, String>()
                .keyType(LongDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        keys.put(1L, new SpoolKey(CLUSTER, "connector", "a").encode());
        keys.put(2L, new SpoolKey(CLUSTER, "connector", "b").encode());
        MVMap<Long, byte[]> entries = store.openMap(SpoolFile.ENTRIES_MAP, new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        int[] keyOf = {1, 1, 2};
        for (int i = 0; i < 3; i++) {
            byte[] value = SpoolRecord.value(scanned.get(i).stateDigest(), scanned.get(i));
            SpoolRecord.setKeyNumber(value, keyOf[i]);
            entries.put(10L + i, value);
        }
        store.commit();
        store.close();
        Files.write(dir.resolve(CommitMarker.PREVIOUS_FILE_NAME), new byte[16]);
    }

    /** Two states of connector a, one of b. */
    private static List<MetadataEvent> threeEvents() {
        return List.of(snapshot(CLUSTER, "a", "t1"), snapshot(CLUSTER, "a", "t2"), snapshot(CLUSTER, "b", "t1"));
    }

    @Test
    void opensASpoolOfTheLayoutBeforeTheLogWithNothingLost() throws Exception {
        List<MetadataEvent> events = threeEvents();
        writeTheLayoutBeforeTheLog(events);
        try (Spool spool = open(1 << 20, 4)) {
            assertThat(ids(spool.pending(10).get())).containsExactly(events.get(0).id(), events.get(1).id(),
                    events.get(2).id());
            assertThat(append(spool, List.of(snapshot(CLUSTER, "a", "t2"))).get().deduplicated()).isEqualTo(1);
            assertThat(append(spool, List.of(snapshot(CLUSTER, "a", "t3"))).get().stored()).isEqualTo(1);
        }
        try (Spool spool = open(1 << 20, 4)) {
            assertThat(spool.pendingEvents()).isEqualTo(4);
            assertThat(ids(spool.pending(10).get())).startsWith(events.get(0).id(), events.get(1).id());
        }
        MVStore reopened = new MVStore.Builder().fileName(dir.resolve(Spool.FILE_NAME).toString()).readOnly().open();
        assertThat(reopened.hasMap(SpoolFile.ENTRIES_MAP)).as("the events moved out of the store").isFalse();
        reopened.close();
        assertThat(dir.resolve(CommitMarker.PREVIOUS_FILE_NAME)).doesNotExist();
        assertThat(dir.resolve(LogSegment.fileName(1))).exists();
        assertThat(metrics.damaged.get()).isZero();
        assertThat(metrics.recovered.get()).isZero();
    }

    @Test
    void replaysAMoveThatACrashInterruptedWithoutDoublingAnything() throws Exception {
        List<MetadataEvent> events = threeEvents();
        writeTheLayoutBeforeTheLog(events);
        try (Spool spool = open(1 << 20, 4)) {
            assertThat(spool.pendingEvents()).isEqualTo(3);
        }
        // The crash came after the log's fsync, before the store's commit that removes the map: it is there again.
        Path log = dir.resolve(LogSegment.fileName(1));
        byte[] logged = Files.readAllBytes(log);
        Files.delete(log);
        Files.delete(dir.resolve(CommitMarker.FILE_NAME));
        writeTheLayoutBeforeTheLog(events);
        Files.write(log, logged);
        try (Spool spool = open(1 << 20, 4)) {
            assertThat(ids(spool.pending(10).get())).containsExactly(events.get(0).id(), events.get(1).id(),
                    events.get(2).id());
        }
        try (Spool spool = open(1 << 20, 4)) {
            assertThat(spool.pendingEvents()).isEqualTo(3);
        }
        assertThat(metrics.damaged.get()).isZero();
    }

    @Test
    void aDroppedClustersKeyNumbersLeaveTheStoreAfterTheirEntries() throws Exception {
        try (Spool spool = open(1 << 20, 4)) {
            append(spool, List.of(snapshot(CLUSTER, "a", "t1"), snapshot(OTHER_CLUSTER, "a", "t1"))).get();
            assertThat(spool.dropClusters(Set.of(OTHER_CLUSTER)).get()).isEqualTo(1);
            // A later key gets a new number, never the dropped one.
            append(spool, List.of(snapshot(OTHER_CLUSTER, "b", "t1"))).get();
        }
        MVStore store = new MVStore.Builder().fileName(dir.resolve(Spool.FILE_NAME).toString()).readOnly().open();
        MVMap<Long, String> keys = store.openMap(SpoolFile.KEYS_MAP, new MVMap.Builder<Long, String>()
                .keyType(LongDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        assertThat(keys.keySet()).containsExactly(1L, 3L);
        store.close();
        try (Spool spool = open(1 << 20, 4)) {
            assertThat(spool.pendingEvents()).isEqualTo(2);
        }
        assertThat(metrics.damaged.get()).isZero();
    }

    @Test
    void startsEmptyWhenTheStoreFileIsGarbage() throws Exception {
        Files.write(dir.resolve(Spool.FILE_NAME), "this is not an MVStore file at all".repeat(200).getBytes());
        try (Spool spool = open(1 << 20, 4)) {
            assertThat(spool.pending(10).get()).isEmpty();
            assertThat(append(spool, List.of(snapshot(CLUSTER, "a", "t1"))).get().stored()).isEqualTo(1);
        }
        assertThat(metrics.damaged.get()).isEqualTo(1);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith(Spool.FILE_NAME + ".damaged-"));
        }
    }

    @Test
    void reportsOnceThatATruncatedLogLostAcknowledgedEvents() throws Exception {
        try (Spool spool = open(64 << 20, 4)) {
            for (int i = 0; i < 20; i++) {
                append(spool, TestEvents.snapshots(CLUSTER, "t" + i + "-", 5)).get();
            }
        }
        Path file = dir.resolve(LogSegment.fileName(1));
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() * 6 / 10);
        }
        try (LogCapture logs = new LogCapture(); Spool spool = open(64 << 20, 4)) {
            // The log cut its tail at the last intact record: some of the 100 acknowledged events are gone...
            assertThat(spool.pendingEvents()).isLessThan(100);
            // ...and that is counted and said, once, with what restores them.
            assertThat(metrics.recovered.get()).isEqualTo(1);
            assertThat(logs.text()).containsOnlyOnce("WARN").contains("was truncated or damaged")
                    .contains("workers' next inventory");
            assertThat(spool.isWritable()).isTrue();
            assertThat(append(spool, List.of(snapshot(CLUSTER, "after", "t"))).get().stored()).isEqualTo(1);
        }
        try (Spool spool = open(64 << 20, 4)) {
            assertThat(metrics.recovered.get()).as("not reported again at the next start").isEqualTo(1);
            assertThat(ids(spool.pending(1000).get())).hasSize(spool.pendingEvents());
        }
    }

    @Test
    void reportsNothingWhenTheLogIsIntact() throws Exception {
        for (int run = 0; run < 3; run++) {
            try (Spool spool = open(64 << 20, 4)) {
                append(spool, TestEvents.snapshots(CLUSTER, "r" + run + "-", 5)).get();
                spool.acknowledge(spool.pending(2).get()).get();
            }
        }
        try (Spool spool = open(64 << 20, 4)) {
            assertThat(spool.pendingEvents()).isEqualTo(9);
        }
        assertThat(metrics.recovered.get()).isZero();
        assertThat(metrics.damaged.get()).isZero();
    }
}

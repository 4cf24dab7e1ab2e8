package io.connectusm.agent.registration;

import io.connectusm.agent.spool.BatchCodec;
import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.EventType;
import io.connectusm.events.ScannedEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What the agent has seen of each local Connect cluster, registered or not: first and last seen, connector
 * count, events accepted and rejected. Feeds {@code GET /v1/clusters} and the sightings reported to the
 * endpoint. Thread-safe; times come from the injected clock.
 */
public final class ClusterActivity {

    /** One cluster's activity at one instant. Immutable. */
    public record Sighting(ClusterRef cluster, int connectorCount, Instant firstSeen, Instant lastSeen, long eventsAccepted,
            long eventsRejected) {
    }

    private static final class Entry {
        final Instant firstSeen;
        Instant lastSeen;
        /** Connector names from the latest inventory, plus those seen in snapshots since. */
        final Set<String> connectors = new HashSet<>();
        long accepted;
        long rejected;

        Entry(Instant firstSeen) {
            this.firstSeen = firstSeen;
            this.lastSeen = firstSeen;
        }
    }

    /**
     * Most clusters tracked: IDs come from the wire, and a trusted but misbehaving peer (shared identity
     * mode) must not grow this map without bound. Beyond it, new clusters are still answered, not tracked.
     */
    public static final int MAX_TRACKED_CLUSTERS = 10_000;

    private final Clock clock;
    private final Map<ClusterRef, Entry> entries = new ConcurrentHashMap<>();

    public ClusterActivity(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records that events of {@code cluster} arrived (whether or not they are accepted). An inventory (one per worker
     * and resync) is decoded for its connector names; other events are known by their type and subject.
     */
    public void seen(ClusterRef cluster, List<ScannedEvent> events) {
        Instant now = clock.instant();
        Entry entry = entry(cluster, now);
        if (entry == null) {
            return;
        }
        synchronized (entry) {
            entry.lastSeen = now;
            for (ScannedEvent event : events) {
                if (!event.cluster().equals(cluster)) {
                    continue;
                }
                if (event.type() == EventType.CLUSTER_INVENTORY) {
                    entry.connectors.clear();
                    entry.connectors.addAll(((ClusterInventory) BatchCodec.decodeEvent(event.json()).payload())
                            .connectors().keySet());
                } else if (event.type() == EventType.CONNECTOR_DELETED) {
                    entry.connectors.remove(event.subject());
                } else if (event.type() == EventType.CONNECTOR_SNAPSHOT) {
                    entry.connectors.add(event.subject());
                }
            }
        }
    }

    public void accepted(ClusterRef cluster, long events) {
        update(cluster, entry -> entry.accepted += events);
    }

    public void rejected(ClusterRef cluster, long events) {
        update(cluster, entry -> entry.rejected += events);
    }

    private void update(ClusterRef cluster, Consumer<Entry> change) {
        Entry entry = entry(cluster, clock.instant());
        if (entry != null) {
            synchronized (entry) {
                change.accept(entry);
            }
        }
    }

    private Entry entry(ClusterRef cluster, Instant now) {
        Entry entry = entries.get(cluster);
        if (entry == null && entries.size() < MAX_TRACKED_CLUSTERS) {
            entry = entries.computeIfAbsent(cluster, c -> new Entry(now));
        }
        return entry;
    }

    /** Every cluster seen, ordered by Kafka then Connect cluster ID. */
    public List<Sighting> sightings() {
        return entries.entrySet().stream().map(e -> {
            Entry entry = e.getValue();
            synchronized (entry) {
                return new Sighting(e.getKey(), entry.connectors.size(), entry.firstSeen, entry.lastSeen,
                        entry.accepted, entry.rejected);
            }
        }).sorted(Comparator.comparing((Sighting s) -> s.cluster().kafkaClusterId())
                .thenComparing(s -> s.cluster().connectClusterId())).toList();
    }
}

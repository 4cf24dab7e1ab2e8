package io.connectusm.extension;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each connector's active topics (KIP-558) as the worker's status topic records them, kept by the
 * {@link InternalTopicsFeed} from its {@code status-topic-<topic>:connector-<name>} records (a value: the connector's
 * tasks used the topic; a tombstone: {@code PUT /connectors/{name}/topics/reset}, or the connector was deleted) and read
 * by the {@link ConnectorObserver} for each snapshot.
 *
 * <p>Memory: per connector one immutable sorted list, replaced only when its set changes; topic names are shared
 * between connectors (one string per topic name), so 5,000 connectors on a few hundred topics cost a few hundred
 * strings and 5,000 small arrays. Reading allocates nothing.
 *
 * <p>{@link #of(String)} is {@code null} (unknown) until the feed has read the status topic to its end as it was at
 * start, and again for good once the feed stopped ({@link #stopTracking()}): the snapshots then carry no topics rather
 * than stale ones.
 *
 * <p>Thread-safe: written by the feed's thread only, read by the observer's.
 */
final class ActiveTopics {

    private final Map<String, List<String>> byConnector = new ConcurrentHashMap<>();
    /** One instance per topic name ever seen (bounded by the Kafka cluster's topics); confined to the feed's thread. */
    private final Map<String, String> names = new HashMap<>();
    private volatile boolean loaded;
    private volatile boolean stopped;

    /**
     * A topic-usage record: {@code used} for a value, {@code false} for a tombstone.
     *
     * @return whether the connector's set of active topics changed
     */
    boolean record(InternalTopicKeys.TopicUsage usage, boolean used) {
        String connector = usage.connector();
        List<String> current = byConnector.getOrDefault(connector, List.of());
        int at = Collections.binarySearch(current, usage.topic());
        if (used == at >= 0) {
            return false; // already known (Connect rewrites a topic's record once per task) or already reset
        }
        List<String> changed = new ArrayList<>(current.size() + 1);
        changed.addAll(current);
        if (used) {
            changed.add(-at - 1, names.computeIfAbsent(usage.topic(), topic -> topic));
        } else {
            changed.remove(at);
        }
        if (changed.isEmpty()) {
            byConnector.remove(connector);
        } else {
            byConnector.put(connector, List.copyOf(changed));
        }
        return true;
    }

    /** The status topic has been read to its end as it was at start: from now on, what is held is complete. */
    void loaded() {
        loaded = true;
    }

    /** The feed stopped: nothing held is kept current any more. */
    void stopTracking() {
        stopped = true;
    }

    /** The connector's active topics, sorted (empty: none); {@code null} while unknown. */
    List<String> of(String connector) {
        if (!loaded || stopped) {
            return null;
        }
        return byConnector.getOrDefault(connector, List.of());
    }

    @Override
    public String toString() {
        return "ActiveTopics[" + byConnector.size() + " connectors]";
    }
}

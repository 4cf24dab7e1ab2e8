package io.connectusm.extension;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The hand-off between whatever learns that connectors changed (the REST filter, on worker REST threads; the
 * {@link InternalTopicsFeed}, on its own thread) and the emitter thread that observes them: sets of connector names
 * (changed over REST, hinted by the feed), configs written, a "look at everything" flag, and a wake-up. Marking never
 * blocks on I/O and costs a lock and a set insertion, so REST latency is unaffected.
 *
 * <p>Thread-safe. The set holds distinct names only until the emitter drains it, so it is bounded by the
 * number of connectors touched between two emitter passes.
 */
final class ConnectorChanges implements InternalTopicsFeed.Listener {

    /**
     * What changed since the last {@link #drain()}.
     *
     * @param connectors     the connectors touched
     * @param configChanged  those of them whose config may have changed (the others changed state only)
     * @param deleted        connectors a successful REST DELETE removed
     * @param deletedUnreported those of them whose deletion could not be reported at once
     * @param everything     whether to look at every connector
     * @param written        the raw (unmasked) configs the REST calls wrote (where the response carried them) or the
     *                       feed read, by connector; left out of {@link #toString()}
     * @param hinted         connectors whose state the feed says may have changed, or whose config it delivered
     * @param unreadable     connectors whose config record the feed could not read: read it through the herder
     */
    static final class Drained {
        private final Set<String> connectors;
        private final Set<String> configChanged;
        private final Set<String> deleted;
        private final Set<String> deletedUnreported;
        private final boolean everything;
        private final Map<String, Map<String, String>> written;
        private final Set<String> hinted;
        private final Set<String> unreadable;

        Drained(Set<String> connectors, Set<String> configChanged, Set<String> deleted,
                Set<String> deletedUnreported, boolean everything, Map<String, Map<String, String>> written,
                Set<String> hinted, Set<String> unreadable) {
            this.connectors = connectors;
            this.configChanged = configChanged;
            this.deleted = deleted;
            this.deletedUnreported = deletedUnreported;
            this.everything = everything;
            this.written = written;
            this.hinted = hinted;
            this.unreadable = unreadable;
        }

        Set<String> connectors() {
            return connectors;
        }

        Set<String> configChanged() {
            return configChanged;
        }

        Set<String> deleted() {
            return deleted;
        }

        Set<String> deletedUnreported() {
            return deletedUnreported;
        }

        boolean everything() {
            return everything;
        }

        Map<String, Map<String, String>> written() {
            return written;
        }

        Set<String> hinted() {
            return hinted;
        }

        Set<String> unreadable() {
            return unreadable;
        }

        @Override
        public String toString() {
            return "Drained[connectors=" + connectors + ", configChanged=" + configChanged + ", deleted=" + deleted
                    + ", deletedUnreported=" + deletedUnreported + ", everything=" + everything
                    + ", written=" + written.keySet() + ", hinted=" + hinted + ", unreadable=" + unreadable + "]";
        }
    }

    private static final Drained NOTHING = new Drained(Set.of(), Set.of(), Set.of(), Set.of(), false, Map.of(),
            Set.of(), Set.of());

    private final ChangeActors actors = new ChangeActors();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Set<String> dirty = new HashSet<>();
    private Set<String> configDirty = new HashSet<>();
    private Set<String> deleted = new HashSet<>();
    private Set<String> deletedUnreported = new HashSet<>();
    private Map<String, Map<String, String>> written = new HashMap<>();
    private Set<String> hinted = new HashSet<>();
    private Set<String> unreadable = new HashSet<>();
    private volatile Predicate<String> deletionReporter = name -> false;
    private boolean everything;
    private boolean wakeUp;

    /**
     * A REST call changed (or may have changed) this connector.
     *
     * @param configChanged whether its config may have changed; when not, the emitter reuses the config it
     *                      holds and asks the herder only for the state, which does not wait for the herder's
     *                      busy tick thread
     * @param writtenConfig the raw config the call wrote, when its response carried it, else {@code null}
     */
    void connectorChanged(String name, boolean configChanged, Map<String, String> writtenConfig) {
        lock.lock();
        try {
            dirty.add(name);
            if (configChanged) {
                configDirty.add(name);
                if (writtenConfig != null) {
                    written.put(name, Map.copyOf(writtenConfig));
                } else {
                    written.remove(name); // an older write's config is not current any more
                }
            }
            signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A REST DELETE of this connector succeeded. Reported at once: the herder keeps listing the connector
     * until its tasks have stopped, which may take seconds.
     */
    void connectorDeleted(String name) {
        // Outside the lock: appending to the outbox takes its own monitor.
        boolean reported = deletionReporter.test(name);
        lock.lock();
        try {
            deleted.add(name);
            if (!reported) {
                deletedUnreported.add(name);
            }
            signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The feed read a config record of this connector: {@code config} is its whole config, or
     * {@link ConnectorConfigRecord#UNDECODABLE} when the record could not be read (the emitter then reads the config
     * through the herder).
     */
    @Override
    public void configWritten(String name, Map<String, String> config) {
        lock.lock();
        try {
            hinted.add(name);
            if (config == ConnectorConfigRecord.UNDECODABLE) {
                written.remove(name);
                unreadable.add(name);
            } else {
                written.put(name, Map.copyOf(config));
                unreadable.remove(name);
            }
            signal();
        } finally {
            lock.unlock();
        }
    }

    /** The feed read a config tombstone: the connector is deleted (reported at once, like a REST DELETE). */
    @Override
    public void configRemoved(String name) {
        connectorDeleted(name);
    }

    /** The feed read a record that may change what the status store shows of this connector. */
    @Override
    public void stateMayHaveChanged(String name) {
        lock.lock();
        try {
            if (hinted.add(name)) {
                signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The raw config a REST call or a config record wrote for this connector that the emitter has not taken yet
     * ({@link #drain}), or {@code null}: what a deletion reported at once knows of a connector created just before.
     */
    Map<String, String> undrainedConfig(String name) {
        lock.lock();
        try {
            return written.get(name);
        } finally {
            lock.unlock();
        }
    }

    /** Who reports a REST deletion at once (returns false when it cannot yet). */
    void reportDeletionsWith(Predicate<String> reporter) {
        this.deletionReporter = reporter;
    }

    /** Something changed whose connector is unknown: look at every connector. */
    void clusterChanged() {
        lock.lock();
        try {
            everything = true;
            signal();
        } finally {
            lock.unlock();
        }
    }

    /** Who made the recent REST changes, per connector: written with the marks, read by the snapshots. */
    ChangeActors actors() {
        return actors;
    }

    /** Wakes the emitter without marking anything (used on close). */
    void wakeUp() {
        lock.lock();
        try {
            signal();
        } finally {
            lock.unlock();
        }
    }

    Drained drain() {
        lock.lock();
        try {
            wakeUp = false;
            if (dirty.isEmpty() && deleted.isEmpty() && written.isEmpty() && hinted.isEmpty() && unreadable.isEmpty()
                    && !everything) {
                return NOTHING; // the common case of an idle pass: no copies
            }
            Drained drained = new Drained(Set.copyOf(dirty), Set.copyOf(configDirty), Set.copyOf(deleted),
                    Set.copyOf(deletedUnreported), everything, Map.copyOf(written), Set.copyOf(hinted),
                    Set.copyOf(unreadable));
            written = new HashMap<>();
            hinted = new HashSet<>();
            unreadable = new HashSet<>();
            dirty = new HashSet<>();
            configDirty = new HashSet<>();
            deleted = new HashSet<>();
            deletedUnreported = new HashSet<>();
            everything = false;
            wakeUp = false;
            return drained;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until something is marked or woken, or {@code timeoutMillis} pass. */
    void await(long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long remaining = TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
            while (!wakeUp && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        wakeUp = true;
        changed.signalAll();
    }
}

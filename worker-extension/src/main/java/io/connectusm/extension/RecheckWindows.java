package io.connectusm.extension;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The rechecks of connectors something pointed at. A connector marked by the REST filter is observed at once and
 * again every {@value ReconcileLoop#RECHECK_POLL_MS} ms for {@value #RECHECK_WINDOW_MS} ms, because a REST call
 * returns before its effect is visible. A connector the {@link InternalTopicsFeed} hinted at (a status or config
 * record) is observed at once and then at the offsets of {@link #HINT_OFFSETS_MS} only: the record is already
 * written, and the worker's status store shows it within milliseconds (the offsets cover a store that lags behind
 * the feed on a busy machine); each further change brings its own record. State is read on the observer thread
 * (the status store never waits); a config, when new or when a call may have changed it and no config came with
 * the change, through {@link HerderReader}, a request to the herder's tick thread.
 *
 * <p>A connector the feed delivered a config for before it had a status (created through another worker, not
 * started yet) is observed with that config ({@link ChangeDetector#pendingConfig}) once its first status record
 * reopens a window.
 *
 * <p>Confined to the observer thread.
 */
final class RecheckWindows {

    private static final Logger log = LoggerFactory.getLogger(RecheckWindows.class);

    static final long RECHECK_WINDOW_MS = 2_000;
    /**
     * How long a state change a reconcile pass found waits for the config read: if the herder is busy (it stops
     * tasks and rebalances right after a stop, for seconds), the state is reported with the config held.
     */
    static final long CONFIG_ONCE_WAIT_MS = 500;
    /** When a hinted connector is observed, in ms after the hint. */
    static final long[] HINT_OFFSETS_MS = {0, 100, 300, 700, 1_500};

    private final ChangeDetector detector;
    private final HerderReader reader;
    private final Map<String, Instant> recheckUntil = new HashMap<>();
    /** Connectors whose config a REST call may have changed: re-read it on every recheck of the window. */
    private final Set<String> configStale = new HashSet<>();
    /** Connectors opened by a REST call (their window may poll for the whole of it). */
    private final Set<String> restMarked = new HashSet<>();
    /**
     * Connectors whose state a reconcile pass found changed without reading their config: read it once, waiting
     * until the deadline, then observe once and close the window.
     */
    private final Map<String, Instant> configOnce = new HashMap<>();
    /** Configs REST calls wrote (masked), used until the connector has been observed with them. */
    private final Map<String, ConnectorConfigView> written = new HashMap<>();
    /** Config reads under way for REST-marked connectors. */
    private final Map<String, Future<Optional<ConnectorConfigView>>> configReads = new HashMap<>();
    /** Connectors hinted by the feed (and not REST-marked): when the hint came, and how many offsets were served. */
    private final Map<String, Instant> hintedAt = new HashMap<>();
    private final Map<String, Integer> hintStep = new HashMap<>();

    RecheckWindows(ChangeDetector detector, HerderReader reader) {
        this.detector = detector;
        this.reader = reader;
    }

    /** Opens (or extends) the window of connectors changed over REST; {@code configChanged} re-read configs. */
    void open(Collection<String> connectors, Collection<String> configChanged, Instant now) {
        for (String name : connectors) {
            recheckUntil.put(name, now.plusMillis(RECHECK_WINDOW_MS));
            restMarked.add(name);
            configOnce.remove(name);
            hintedAt.remove(name);
            hintStep.remove(name);
        }
        configStale.addAll(configChanged);
    }

    /**
     * Connectors the feed hinted at: each is observed now and at {@link #HINT_OFFSETS_MS} after (a new hint restarts
     * the schedule). A connector in a REST window is left to it: that window polls more often. A connector of which
     * nothing is known — no state, no config — is not: it was deleted (its statuses are being removed), or its config
     * record is still to come, which brings a hint of its own; reading its config through the herder meanwhile would
     * cost the herder's thread for nothing.
     */
    void openHinted(Collection<String> connectors, Instant now) {
        long last = HINT_OFFSETS_MS[HINT_OFFSETS_MS.length - 1];
        for (String name : connectors) {
            if (restMarked.contains(name) || (detector.known(name) == null && detector.pendingConfig(name) == null
                    && !written.containsKey(name))) {
                continue;
            }
            Instant until = now.plusMillis(last + 1);
            recheckUntil.merge(name, until, (a, b) -> a.isAfter(b) ? a : b);
            if (!configOnce.containsKey(name)) {
                hintedAt.put(name, now);
                hintStep.put(name, 0);
            }
        }
    }

    /**
     * Connectors whose state a reconcile pass found changed while their config was not read: each is observed
     * once its config has been read, or after {@value #CONFIG_ONCE_WAIT_MS} ms with the config held. One
     * observation, not a polling window: a pass finds the state settled often enough. A connector in a REST
     * window is left to it: a REST call on this worker explains the change (the window re-reads the config
     * when the call may have changed it).
     */
    void openReadingConfigOnce(Collection<String> connectors, Instant now) {
        for (String name : connectors) {
            if (!restMarked.contains(name)) {
                recheckUntil.putIfAbsent(name, now.plusMillis(RECHECK_WINDOW_MS));
                configOnce.put(name, now.plusMillis(CONFIG_ONCE_WAIT_MS));
            }
        }
    }

    /**
     * A REST call wrote this config (from its response): the recheck observes the connector with it at once
     * instead of reading the config through the herder, whose tick thread may be busy for a second or more
     * stopping the tasks the change restarts. The next full read re-reads it from the herder.
     */
    void written(String name, ConnectorConfigView config, Instant now) {
        detector.written(name, config, now);
        written.put(name, config);
        configStale.remove(name);
        configOnce.remove(name);
    }

    /** Stops rechecking a connector that is gone. */
    void forget(String name) {
        recheckUntil.remove(name);
        restMarked.remove(name);
        configStale.remove(name);
        configOnce.remove(name);
        written.remove(name);
        hintedAt.remove(name);
        hintStep.remove(name);
    }

    boolean isEmpty() {
        return recheckUntil.isEmpty();
    }

    /** Observes every connector in its window, then closes the windows that ended. */
    void recheckAll(Instant now) {
        // A copy: observing a deleted connector forgets it.
        for (String name : List.copyOf(recheckUntil.keySet())) {
            if (hintDue(name, now)) {
                recheck(name, now);
            }
        }
        recheckUntil.values().removeIf(until -> !now.isBefore(until));
        configStale.retainAll(recheckUntil.keySet());
        restMarked.retainAll(recheckUntil.keySet());
        configOnce.keySet().retainAll(recheckUntil.keySet());
        written.keySet().retainAll(recheckUntil.keySet());
        configReads.keySet().retainAll(recheckUntil.keySet());
        hintedAt.keySet().retainAll(recheckUntil.keySet());
        hintStep.keySet().retainAll(recheckUntil.keySet());
    }

    /** Whether a hinted connector is due now (a connector without a hint schedule always is); advances it. */
    private boolean hintDue(String name, Instant now) {
        Instant at = hintedAt.get(name);
        if (at == null) {
            return true;
        }
        int step = hintStep.get(name);
        if (step >= HINT_OFFSETS_MS.length || now.isBefore(at.plusMillis(HINT_OFFSETS_MS[step]))) {
            return false;
        }
        int next = step + 1;
        while (next < HINT_OFFSETS_MS.length && !now.isBefore(at.plusMillis(HINT_OFFSETS_MS[next]))) {
            next++; // offsets this step slept through are served by this one observation
        }
        hintStep.put(name, next);
        if (next >= HINT_OFFSETS_MS.length) {
            recheckUntil.put(name, now); // the last one: the window ends with this step
        }
        return true;
    }

    private boolean configWanted(String name, Instant now) {
        Instant waitUntil = configOnce.get(name);
        return configStale.contains(name) || (waitUntil != null && now.isBefore(waitUntil));
    }

    private void recheck(String name, Instant now) {
        recheckOnce(name, now);
        if (configOnce.containsKey(name) && !configWanted(name, now) && detector.known(name) != null) {
            // Observed (with the fresh config, or after the wait with the one held): done.
            configOnce.remove(name);
            recheckUntil.remove(name);
            configReads.remove(name);
        }
    }

    private void recheckOnce(String name, Instant now) {
        ObservedConnector previous = detector.known(name);
        ConnectorConfigView config = previous == null ? detector.pendingConfig(name) : previous.config();
        ConnectorConfigView writtenConfig = written.get(name);
        if (writtenConfig != null) {
            // As new as the REST call or the config record; a config read started before it may return an older
            // one: drop it.
            configReads.remove(name);
            Observation outcome = detector.observe(name, writtenConfig, now);
            if (outcome == Observation.DELETED) {
                forget(name);
            } else if (outcome == Observation.OBSERVED) {
                written.remove(name);
            } else if (previous == null) {
                detector.configPending(name, writtenConfig); // no status yet: its first status record brings it back
            }
            return;
        }
        Future<Optional<ConnectorConfigView>> read = configReads.get(name);
        if (read != null && read.isDone()) {
            configReads.remove(name);
            try {
                Optional<ConnectorConfigView> fresh = read.get();
                if (fresh.isEmpty()) {
                    if (previous != null) {
                        detector.deleted(name, now);
                        forget(name);
                    }
                    return;
                }
                config = fresh.get();
                if (configOnce.containsKey(name)) {
                    configOnce.put(name, now); // read: no more waiting
                }
            } catch (ExecutionException e) {
                // The herder refused (rebalancing) or timed out: the next recheck reads again.
                log.debug("Cannot read the config of connector {} yet: {}", name, String.valueOf(e.getCause()));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } else if (read == null && (config == null || configWanted(name, now))) {
            detector.configReadStarted(name, now);
            configReads.put(name, reader.readConfig(name));
            // Observe once it is read: a changed state reported with a config that may be older than it would
            // overwrite a newer config at the receiver (newest event wins there).
            return;
        } else if (read != null && configWanted(name, now)) {
            return; // still reading
        }
        if (config == null) {
            return; // a new connector: wait for its config
        }
        if (detector.observe(name, config, now) == Observation.DELETED) {
            forget(name);
        }
    }
}

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
 * The REST-triggered rechecks: a connector marked by the REST filter is observed at once and again every
 * {@value ReconcileLoop#RECHECK_POLL_MS} ms for {@value #RECHECK_WINDOW_MS} ms, because a REST call returns
 * before its effect is visible. Its state is read on the observer thread (the status store never waits); its
 * config, when new or when the call may have changed it, through {@link HerderReader}, since that read waits
 * for the herder's tick thread.
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
        }
        configStale.addAll(configChanged);
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
    }

    boolean isEmpty() {
        return recheckUntil.isEmpty();
    }

    /** Observes every connector in its window, then closes the windows that ended. */
    void recheckAll(Instant now) {
        // A copy: observing a deleted connector forgets it.
        for (String name : List.copyOf(recheckUntil.keySet())) {
            recheck(name, now);
        }
        recheckUntil.values().removeIf(until -> !now.isBefore(until));
        configStale.retainAll(recheckUntil.keySet());
        restMarked.retainAll(recheckUntil.keySet());
        configOnce.keySet().retainAll(recheckUntil.keySet());
        written.keySet().retainAll(recheckUntil.keySet());
        configReads.keySet().retainAll(recheckUntil.keySet());
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
        ConnectorConfigView config = previous == null ? null : previous.config();
        ConnectorConfigView writtenConfig = written.get(name);
        if (writtenConfig != null) {
            // As new as the REST call; a config read started before it may return an older one: drop it.
            configReads.remove(name);
            if (!detector.observe(name, writtenConfig, now)) {
                forget(name); // deleted meanwhile
            } else if (detector.known(name) != null) {
                written.remove(name); // observed with it; a new connector may not have a status yet
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
        } else if (read == null && (previous == null || configWanted(name, now))) {
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
        if (!detector.observe(name, config, now)) {
            forget(name);
        }
    }
}

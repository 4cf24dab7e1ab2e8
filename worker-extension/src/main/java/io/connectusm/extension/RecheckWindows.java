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

    private final ChangeDetector detector;
    private final HerderReader reader;
    private final Map<String, Instant> recheckUntil = new HashMap<>();
    /** Connectors whose config a REST call may have changed: re-read it on every recheck of the window. */
    private final Set<String> configStale = new HashSet<>();
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
        }
        configStale.addAll(configChanged);
    }

    /** Stops rechecking a connector that is gone. */
    void forget(String name) {
        recheckUntil.remove(name);
        configStale.remove(name);
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
        configReads.keySet().retainAll(recheckUntil.keySet());
    }

    private void recheck(String name, Instant now) {
        ObservedConnector previous = detector.known(name);
        ConnectorConfigView config = previous == null ? null : previous.config();
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
            } catch (ExecutionException e) {
                log.debug("Cannot read the config of connector {} yet: {}", name, String.valueOf(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } else if (read == null && (previous == null || configStale.contains(name))) {
            detector.configReadStarted(name, now);
            configReads.put(name, reader.readConfig(name));
        }
        if (config == null) {
            return; // a new connector: wait for its config
        }
        if (!detector.observe(name, config, now)) {
            forget(name);
        }
    }
}

package io.connectusm.extension;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The configs REST calls replaced, per connector, for {@value #MAX_MS} ms: a herder read that still returns the
 * config a REST write replaced is the herder lagging (it serves reads before applying the config updates it has
 * received), not a change back, and is not reported.
 *
 * <p>Confined to the observer thread.
 */
final class SupersededConfigs {

    /** How long a replaced config is taken for the herder lagging. */
    static final long MAX_MS = 30_000;

    /** The fingerprint a REST write replaced, ignored until {@code until}. */
    private static final class Replaced {
        private final String fingerprint;
        private final Instant until;

        Replaced(String fingerprint, Instant until) {
            this.fingerprint = fingerprint;
            this.until = until;
        }
    }

    private final Map<String, Replaced> replaced = new HashMap<>();

    /** A REST call replaced {@code previous} (or nothing, when {@code null}) with {@code written}. */
    void written(String name, ObservedConnector previous, ConnectorConfigView written, Instant now) {
        if (previous != null && !previous.fingerprint().equals(written.fingerprint())) {
            replaced.put(name, new Replaced(previous.fingerprint(), now.plusMillis(MAX_MS)));
        } else {
            replaced.remove(name);
        }
    }

    /** Whether {@code fingerprint} is the config a REST call replaced moments ago (forgotten once expired). */
    boolean isReplaced(String name, String fingerprint, Instant now) {
        Replaced entry = replaced.get(name);
        if (entry == null) {
            return false;
        }
        if (!now.isBefore(entry.until)) {
            replaced.remove(name);
            return false;
        }
        return entry.fingerprint.equals(fingerprint);
    }

    void forget(String name) {
        replaced.remove(name);
    }

    void retainAll(Set<String> names) {
        replaced.keySet().retainAll(names);
    }
}

package io.connectusm.extension;

import java.util.Set;

/**
 * What comparing a full read ({@link ChangeDetector#apply}) changed beyond the events appended. Immutable.
 */
final class FullReadOutcome {

    private final Set<String> deleted;
    private final Set<String> configStale;

    /**
     * @param deleted     the connectors found deleted
     * @param configStale the connectors whose state changed while their config was not read this pass: their
     *                    snapshot waits for a fresh config read, since the config may have changed with the state
     *                    (a connector restarted by a config change made through another worker)
     */
    FullReadOutcome(Set<String> deleted, Set<String> configStale) {
        this.deleted = deleted;
        this.configStale = configStale;
    }

    Set<String> deleted() {
        return deleted;
    }

    Set<String> configStale() {
        return configStale;
    }
}

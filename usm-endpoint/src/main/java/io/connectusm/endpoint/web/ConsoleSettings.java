package io.connectusm.endpoint.web;

import java.time.Clock;
import java.time.Duration;

/**
 * What the console's pages need besides the stores: the clock the "last heard" ages are read from and the
 * clusters' resync interval (a cluster silent for more than two of them is flagged stale). Immutable.
 *
 * @param resyncInterval how often the workers resync at the least ({@code cluster.resync.interval.ms})
 * @param clock          the clock "now" is read from
 */
public record ConsoleSettings(Duration resyncInterval, Clock clock) {

    /** Silent for longer than this, a cluster is stale: two resync intervals. */
    Duration staleAfter() {
        return resyncInterval.multipliedBy(2);
    }
}

package io.connectusm.endpoint;

import java.time.Instant;
import java.util.List;

/**
 * One real change of a connector: what kind, when (the event's time), the state after it and the config
 * diff (masked values only). Immutable.
 */
record HistoryEntry(long sequence, Instant time, String kind, String state, String configFingerprint,
                    List<ConfigDiff.Change> diff) {
}

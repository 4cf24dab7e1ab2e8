package io.connectusm.endpoint.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.connectusm.endpoint.store.ClusterReport;
import io.connectusm.endpoint.store.ConnectorCounts;

/**
 * A Connect cluster's health as the console rolls it up: its connector counts, when it was last heard from (the
 * newest arrival over the agents it reports through), whether it is stale (nothing for longer than
 * {@link ConsoleSettings#staleAfter()}, or never anything), and those agents' API keys. Immutable.
 *
 * @param counts     its live connectors, counted
 * @param lastHeard  when the endpoint last accepted a batch for it, or {@code null} when never
 * @param heard      "last heard 12 s ago" / "never heard from"
 * @param stale      whether it has been silent too long
 * @param agents     the API keys of the agents it came through, most recent first
 */
record ClusterHealth(ConnectorCounts counts, Instant lastHeard, String heard, boolean stale, List<String> agents) {

    ClusterHealth {
        agents = List.copyOf(agents);
    }

    static ClusterHealth of(ConnectorCounts counts, List<ClusterReport> reports, Instant now, Duration staleAfter) {
        Instant last = reports.stream().map(ClusterReport::lastReceivedAt).max(Instant::compareTo).orElse(null);
        List<String> agents = reports.stream().sorted((a, b) -> b.lastReceivedAt().compareTo(a.lastReceivedAt()))
                .map(ClusterReport::agentKey).toList();
        boolean stale = last == null || Duration.between(last, now).compareTo(staleAfter) > 0;
        String heard = last == null ? "never heard from" : "last heard " + ago(Duration.between(last, now));
        return new ClusterHealth(counts == null ? ConnectorCounts.NONE : counts, last, heard, stale, agents);
    }

    /**
     * "under 10 s ago", "20 s ago" (in steps of 10 s, so a page polled every few seconds stays the same, and its
     * ETag with it, for a while), "4 min ago", "3 h ago", "2 d ago"; a time ahead of the clock reads "just now".
     */
    static String ago(Duration age) {
        long s = age.toSeconds();
        if (age.isNegative()) {
            return "just now";
        }
        if (s < 10) {
            return "under 10 s ago";
        }
        if (s < 60) {
            return s / 10 * 10 + " s ago";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        if (s < 86_400) {
            return s / 3600 + " h ago";
        }
        return s / 86_400 + " d ago";
    }
}

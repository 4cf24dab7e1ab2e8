package io.connectusm.endpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.connectusm.endpoint.store.ClusterReport;
import io.connectusm.endpoint.store.ConnectorCounts;

/** Staleness at its boundary, "last heard" wording, and the agents a cluster came through. */
class ClusterHealthTest {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final Duration STALE_AFTER = new ConsoleSettings(Duration.ofMinutes(5), null).staleAfter();

    private static ClusterReport heard(String agent, Instant at) {
        return new ClusterReport("usmcc-1", agent, at.minusSeconds(3), at);
    }

    @Test
    void isStaleOnlyWhenSilentForMoreThanTwoResyncIntervals() {
        assertThat(STALE_AFTER).isEqualTo(Duration.ofMinutes(10));
        ClusterHealth atTheLimit = ClusterHealth.of(ConnectorCounts.NONE, List.of(heard("a", NOW.minus(STALE_AFTER))),
                NOW, STALE_AFTER);
        ClusterHealth past = ClusterHealth.of(ConnectorCounts.NONE, List.of(heard("a",
                NOW.minus(STALE_AFTER).minusMillis(1))), NOW, STALE_AFTER);

        assertThat(atTheLimit.stale()).isFalse();
        assertThat(atTheLimit.heard()).isEqualTo("last heard 10 min ago");
        assertThat(past.stale()).isTrue();
    }

    @Test
    void theNewestReportOfAnyAgentCountsAndTheAgentsAreListedMostRecentFirst() {
        ClusterHealth h = ClusterHealth.of(null, List.of(heard("old-agent", NOW.minus(Duration.ofHours(3))),
                heard("new-agent", NOW.minusSeconds(12))), NOW, STALE_AFTER);

        assertThat(h.stale()).isFalse();
        assertThat(h.lastHeard()).isEqualTo(NOW.minusSeconds(12));
        assertThat(h.heard()).isEqualTo("last heard 10 s ago");
        assertThat(h.agents()).containsExactly("new-agent", "old-agent");
        assertThat(h.counts()).isEqualTo(ConnectorCounts.NONE);
    }

    @Test
    void aClusterNeverHeardFromIsStale() {
        ClusterHealth h = ClusterHealth.of(ConnectorCounts.NONE, List.of(), NOW, STALE_AFTER);

        assertThat(h.stale()).isTrue();
        assertThat(h.lastHeard()).isNull();
        assertThat(h.heard()).isEqualTo("never heard from");
        assertThat(h.agents()).isEmpty();
    }

    @Test
    void agesReadAsPeopleSayThem() {
        assertThat(ClusterHealth.ago(Duration.ofSeconds(-5))).isEqualTo("just now");
        assertThat(ClusterHealth.ago(Duration.ofMillis(9_999))).isEqualTo("under 10 s ago");
        assertThat(ClusterHealth.ago(Duration.ofSeconds(59))).isEqualTo("50 s ago");
        assertThat(ClusterHealth.ago(Duration.ofSeconds(60))).isEqualTo("1 min ago");
        assertThat(ClusterHealth.ago(Duration.ofMinutes(61))).isEqualTo("1 h ago");
        assertThat(ClusterHealth.ago(Duration.ofHours(49))).isEqualTo("2 d ago");
    }
}

package io.connectusm.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventCountersTest {

    @Test
    void sumsEveryLabelOfTheCountersAndIgnoresTheRest() {
        String exposition = String.join("\n",
                "# HELP usm_agent_events_accepted_total Events durable in the spool (answered 204).",
                "# TYPE usm_agent_events_accepted_total counter",
                "usm_agent_events_accepted_total 1021",
                "usm_agent_events_forwarded_total 1014.0",
                "usm_agent_events_deduplicated_total 5",
                "usm_agent_events_coalesced_total 1",
                "usm_agent_spool_events 1",
                "usm_agent_spool_entries 1",
                "usm_agent_requests_rejected_total{reason=\"unregistered\"} 3",
                "usm_agent_requests_rejected_total{reason=\"identity\"} 1",
                "usm_agent_events_received_total 99",
                "usm_agent_forward_latency_seconds_bucket{le=\"+Inf\"} +Inf",
                "");

        EventCounters counters = EventCounters.parse(exposition);

        assertThat(counters).isEqualTo(new EventCounters(1021, 1014, 6, 1, 4));
        assertThat(counters.line()).isEqualTo("events: 1021 accepted by the agent, 1014 forwarded to the endpoint, "
                + "6 deduplicated (already sent), 1 waiting, 4 rejected");
    }
}

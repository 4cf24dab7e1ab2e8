package io.connectusm.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventCountersTest {

    @Test
    void sumsEveryLabelOfTheThreeCountersAndIgnoresTheRest() {
        String exposition = String.join("\n",
                "# HELP usm_agent_events_accepted_total Events durable in the spool (answered 204).",
                "# TYPE usm_agent_events_accepted_total counter",
                "usm_agent_events_accepted_total 12",
                "usm_agent_events_forwarded_total 10.0",
                "usm_agent_requests_rejected_total{reason=\"unregistered\"} 3",
                "usm_agent_requests_rejected_total{reason=\"identity\"} 1",
                "usm_agent_events_received_total 99",
                "usm_agent_forward_latency_seconds_bucket{le=\"+Inf\"} +Inf",
                "");

        EventCounters counters = EventCounters.parse(exposition);

        assertThat(counters).isEqualTo(new EventCounters(12, 10, 4));
        assertThat(counters.line())
                .isEqualTo("events: 12 accepted by the agent, 10 forwarded to the endpoint, 4 rejected");
    }
}

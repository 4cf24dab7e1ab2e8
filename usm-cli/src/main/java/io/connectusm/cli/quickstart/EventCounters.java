package io.connectusm.cli.quickstart;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The agent's event counters, read from its Prometheus {@code /metrics} page exactly as an operator's scraper would:
 * events accepted from workers, forwarded to the endpoint, deduplicated (the same state was already sent, or a newer
 * one superseded it, so the agent did not send it again), still waiting in the spool, and requests rejected (any
 * reason). Accepted events are forwarded, deduplicated or waiting (counters restart with the agent, its spool does
 * not), so the live line shows where each went instead of a gap that looks like loss. Immutable.
 *
 * @param accepted     events durable in the spool, answered 204
 * @param forwarded    events the endpoint accepted
 * @param deduplicated events not forwarded because the same or a newer state was (deduplicated plus coalesced)
 * @param waiting      events in the spool now
 * @param rejected     requests refused
 */
record EventCounters(long accepted, long forwarded, long deduplicated, long waiting, long rejected) {

    static final String ACCEPTED = "usm_agent_events_accepted_total";
    static final String FORWARDED = "usm_agent_events_forwarded_total";
    static final String DEDUPLICATED = "usm_agent_events_deduplicated_total";
    static final String COALESCED = "usm_agent_events_coalesced_total";
    static final String WAITING = "usm_agent_spool_events";
    static final String REJECTED = "usm_agent_requests_rejected_total";

    /** Sums every sample of the counters (all label values) in a Prometheus text exposition. */
    static EventCounters parse(String exposition) {
        long accepted = 0;
        long forwarded = 0;
        long deduplicated = 0;
        long waiting = 0;
        long rejected = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String name = line.split("[{ ]", 2)[0];
            long value;
            switch (name) {
                case ACCEPTED, FORWARDED, DEDUPLICATED, COALESCED, WAITING, REJECTED ->
                        value = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
                default -> {
                    continue; // other samples may hold values such as +Inf that are not counts
                }
            }
            switch (name) {
                case ACCEPTED -> accepted += value;
                case FORWARDED -> forwarded += value;
                case DEDUPLICATED, COALESCED -> deduplicated += value;
                case WAITING -> waiting += value;
                default -> rejected += value;
            }
        }
        return new EventCounters(accepted, forwarded, deduplicated, waiting, rejected);
    }

    /** Scrapes {@code metricsUrl}. */
    static EventCounters scrape(HttpClient http, String metricsUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(metricsUrl))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the agent's metrics page answered " + response.statusCode());
        }
        return parse(response.body());
    }

    /**
     * The live line: {@code events: 1021 accepted by the agent, 1016 forwarded to the endpoint, 5 deduplicated
     * (already sent), 0 waiting, 0 rejected}.
     */
    String line() {
        return "events: " + accepted + " accepted by the agent, " + forwarded + " forwarded to the endpoint, "
                + deduplicated + " deduplicated (already sent), " + waiting + " waiting, " + rejected + " rejected";
    }
}

package io.connectusm.cli.quickstart;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The agent's event counters, read from its Prometheus {@code /metrics} page exactly as an operator's scraper would:
 * events accepted from workers, forwarded to the endpoint, and requests rejected (any reason). Immutable.
 */
record EventCounters(long accepted, long forwarded, long rejected) {

    static final String ACCEPTED = "usm_agent_events_accepted_total";
    static final String FORWARDED = "usm_agent_events_forwarded_total";
    static final String REJECTED = "usm_agent_requests_rejected_total";

    /** Sums every sample of the three counters (all label values) in a Prometheus text exposition. */
    static EventCounters parse(String exposition) {
        long accepted = 0;
        long forwarded = 0;
        long rejected = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String name = line.split("[{ ]", 2)[0];
            if (!name.equals(ACCEPTED) && !name.equals(FORWARDED) && !name.equals(REJECTED)) {
                continue; // other samples may hold values such as +Inf that are not counts
            }
            long value = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
            switch (name) {
                case ACCEPTED -> accepted += value;
                case FORWARDED -> forwarded += value;
                default -> rejected += value;
            }
        }
        return new EventCounters(accepted, forwarded, rejected);
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

    /** The live line: {@code events: 12 accepted by the agent, 12 forwarded to the endpoint, 0 rejected}. */
    String line() {
        return "events: " + accepted + " accepted by the agent, " + forwarded + " forwarded to the endpoint, "
                + rejected + " rejected";
    }
}

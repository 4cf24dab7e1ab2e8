package io.connectusm.benchmarks.ingest;

import io.connectusm.agent.AgentConfigLoader;
import io.connectusm.agent.RunningAgent;
import io.connectusm.agent.UsmAgent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A real agent ({@link UsmAgent#start}) in this JVM with a new spool directory and no endpoint: events are spooled,
 * coalesced and never forwarded, so what is measured is ingest alone. Its audit reads the agent's own counters from
 * its control plane. Deletes its spool directory on close. Not thread-safe (the harness drives it).
 */
final class AgentUnderTest implements Target {

    private final RunningAgent agent;
    private final Path directory;
    private Map<String, Double> metrics = Map.of();
    /** Bytes of every file in the spool directory (log segments, MVStore, marker) at the audit. */
    private long spoolFileBytes = -1;

    private AgentUnderTest(RunningAgent agent, Path directory) {
        this.agent = agent;
        this.directory = directory;
    }

    static AgentUnderTest start(Fixture fixture, Path directory) throws Exception {
        Files.createDirectories(directory);
        RunningAgent agent = UsmAgent.start(AgentConfigLoader.of(fixture.agentConfig(directory.resolve("spool")), Map.of()));
        return new AgentUnderTest(agent, directory);
    }

    @Override
    public URI eventsUri() {
        return URI.create("https://localhost:" + agent.dataPort() + "/v1/events");
    }

    /**
     * Conservation: every event the clients saw acknowledged was accepted by the agent, and every accepted event is
     * pending in the spool, was coalesced away beyond the history, or was a duplicate of the state before it.
     */
    @Override
    public String audit(long posts, long events) throws Exception {
        metrics = scrape();
        spoolFileBytes = io.connectusm.agent.spool.Spool.diskBytes(directory.resolve("spool"));
        double accepted = metric("usm_agent_events_accepted_total");
        double pending = metric("usm_agent_spool_events");
        double coalesced = metric("usm_agent_events_coalesced_total");
        double deduplicated = metric("usm_agent_events_deduplicated_total");
        if (accepted != events) {
            return String.format(Locale.ROOT, "the clients counted %d events answered 204, the agent accepted %.0f",
                    events, accepted);
        }
        if (pending + coalesced + deduplicated != accepted) {
            return String.format(Locale.ROOT, "accepted %.0f != pending %.0f + coalesced %.0f + deduplicated %.0f",
                    accepted, pending, coalesced, deduplicated);
        }
        return null;
    }

    @Override
    public String facts() {
        return String.format(Locale.ROOT, "spool keys %.0f, pending events %.0f, files %.0f MiB, deduplicated %.0f",
                metric("usm_agent_spool_entries"), metric("usm_agent_spool_events"), spoolFileBytes / 1048576.0,
                metric("usm_agent_events_deduplicated_total"));
    }

    private double metric(String series) {
        return metrics.getOrDefault(series, Double.NaN);
    }

    private Map<String, Double> scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + agent.controlPort() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Double> values = new TreeMap<>();
        for (String line : response.body().split("\n")) {
            int space = line.lastIndexOf(' ');
            if (line.startsWith("usm_agent_") && space > 0) {
                try {
                    values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                } catch (NumberFormatException ignored) {
                    // not a plain sample
                }
            }
        }
        return values;
    }

    @Override
    public void close() {
        agent.close();
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + directory + ": " + e.getMessage());
        }
    }
}

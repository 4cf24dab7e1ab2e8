package io.connectusm.extension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A monitoring tool's view of a Connect cluster, polled over its REST API the way Kpow documents its two
 * "observation versions" (reference: {@code kpow-kafka-connect-settings.txt}): {@link Version#V1} lists the
 * connectors, then makes per connector "a separate call for task, status and connector information"
 * ({@code GET /connectors/{name}/tasks}, {@code …/status}, {@code GET /connectors/{name}}) with a parallelism of
 * {@value #PARALLELISM}; {@link Version#V2} makes "a single REST call to fetch all connectors, including their
 * metadata" ({@code GET /connectors?expand=status&expand=info}). Every {@code interval} it polls, and records when a
 * poll first showed each task failure and each config value ({@link #firstSeen}), and the requests and response
 * bytes it cost the worker. Benchmark helper; thread-safe.
 */
final class KpowStylePoller implements AutoCloseable {

    static final int PARALLELISM = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Version {
        V1, V2
    }

    private final ConnectWorkerProcess worker;
    private final Version version;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService calls = Executors.newFixedThreadPool(PARALLELISM);
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    KpowStylePoller(ConnectWorkerProcess worker, Version version) {
        this.worker = worker;
        this.version = version;
    }

    /** Polls every {@code intervalMillis}, the first time after {@code phaseMillis}. */
    void start(long phaseMillis, long intervalMillis) {
        schedule.scheduleAtFixedRate(this::pollQuietly, phaseMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** When a poll first showed {@code fact} ("failed:<connector>" or "config:<connector>:<key>=<value>"). */
    Instant firstSeen(String fact) {
        return seen.get(fact);
    }

    long requests() {
        return requests.get();
    }

    long bytes() {
        return bytes.get();
    }

    private void pollQuietly() {
        try {
            List<JsonNode> connectors = version == Version.V1 ? pollV1() : pollV2();
            Instant done = Instant.now();
            for (JsonNode connector : connectors) {
                record(connector, done);
            }
        } catch (Exception e) {
            System.err.println("[poller " + version + "] poll failed: " + e);
        }
    }

    /** Each connector as {"name", "config", "status"}. */
    private List<JsonNode> pollV1() throws Exception {
        JsonNode names = get("/connectors");
        List<Future<JsonNode>> each = new ArrayList<>();
        for (JsonNode name : names) {
            String path = "/connectors/" + name.asText();
            each.add(calls.submit(() -> {
                get(path + "/tasks");
                JsonNode status = get(path + "/status");
                JsonNode info = get(path);
                return connector(name.asText(), status, info.get("config"));
            }));
        }
        List<JsonNode> connectors = new ArrayList<>();
        for (Future<JsonNode> one : each) {
            connectors.add(one.get());
        }
        return connectors;
    }

    private List<JsonNode> pollV2() throws Exception {
        JsonNode all = get("/connectors?expand=status&expand=info");
        List<JsonNode> connectors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            connectors.add(connector(entry.getKey(), entry.getValue().get("status"),
                    entry.getValue().path("info").get("config")));
        }
        return connectors;
    }

    private static JsonNode connector(String name, JsonNode status, JsonNode config) {
        ObjectNode connector = JSON.createObjectNode();
        connector.put("name", name);
        connector.set("status", status);
        connector.set("config", config);
        return connector;
    }

    private void record(JsonNode connector, Instant at) {
        String name = connector.get("name").asText();
        for (JsonNode task : connector.path("status").path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                seen.putIfAbsent("failed:" + name, at);
            }
        }
        JsonNode config = connector.get("config");
        if (config != null) {
            config.fields().forEachRemaining(e -> seen.putIfAbsent("config:" + name + ":" + e.getKey() + "="
                    + e.getValue().asText(), at));
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = worker.send("GET", path, null);
        requests.incrementAndGet();
        bytes.addAndGet(response.body().length());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    @Override
    public void close() throws InterruptedException {
        schedule.shutdownNow();
        calls.shutdownNow();
        schedule.awaitTermination(30, TimeUnit.SECONDS);
        calls.awaitTermination(30, TimeUnit.SECONDS);
    }
}

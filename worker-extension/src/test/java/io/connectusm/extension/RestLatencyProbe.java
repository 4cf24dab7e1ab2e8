package io.connectusm.extension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures a worker's own REST API as a user sees it: alternating {@code GET /connectors/{random}/status} (answered
 * from the status store) and {@code GET /connectors/{random}/config} (a request to the herder's tick thread) every
 * {@value #POLL_MS} ms for a window, optionally while a second thread streams config changes
 * ({@code PUT /connectors/{random}/config}, one key changed) at a fixed rate. Benchmark helper; one window at a time.
 */
final class RestLatencyProbe {

    static final long POLL_MS = 20;

    /** Latencies of one window, in ms, and how many changes were streamed meanwhile. */
    record Window(List<Double> statusMillis, List<Double> configMillis, int changes, int errors) {

        String describe(List<Double> values) {
            return String.format("%.1f / %.1f", BenchStats.percentile(values, 50), BenchStats.percentile(values, 99));
        }
    }

    private final ConnectWorkerProcess worker;
    private final String prefix;
    private final int connectors;
    private final Random random;

    RestLatencyProbe(ConnectWorkerProcess worker, String prefix, int connectors, long seed) {
        this.worker = worker;
        this.prefix = prefix;
        this.connectors = connectors;
        this.random = new Random(seed);
    }

    /** One window of {@code length}; {@code changesPerSecond} 0 means idle. */
    Window measure(Duration length, double changesPerSecond) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger changes = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Thread streamer = null;
        if (changesPerSecond > 0) {
            long pauseNanos = (long) (1e9 / changesPerSecond);
            Random changeRandom = new Random(random.nextLong());
            streamer = new Thread(() -> stream(stop, changes, errors, pauseNanos, changeRandom), "bench-changes");
            streamer.setDaemon(true);
            streamer.start();
        }
        List<Double> status = new ArrayList<>();
        List<Double> config = new ArrayList<>();
        long end = System.nanoTime() + length.toNanos();
        boolean configNext = false;
        try {
            while (System.nanoTime() < end) {
                String name = BenchCluster.name(prefix, random.nextInt(connectors));
                long started = System.nanoTime();
                HttpResponse<String> response = worker.send("GET",
                        "/connectors/" + name + (configNext ? "/config" : "/status"), null);
                double millis = (System.nanoTime() - started) / 1e6;
                if (response.statusCode() == 200) {
                    (configNext ? config : status).add(millis);
                } else {
                    errors.incrementAndGet();
                }
                configNext = !configNext;
                Thread.sleep(POLL_MS);
            }
        } finally {
            stop.set(true);
            if (streamer != null) {
                streamer.join(30_000);
            }
        }
        return new Window(status, config, changes.get(), errors.get());
    }

    private void stream(AtomicBoolean stop, AtomicInteger changes, AtomicInteger errors, long pauseNanos,
                        Random changeRandom) {
        long next = System.nanoTime();
        while (!stop.get()) {
            String name = BenchCluster.name(prefix, changeRandom.nextInt(connectors));
            String body = "{\"connector.class\":\"org.apache.kafka.connect.file.FileStreamSourceConnector\","
                    + "\"tasks.max\":\"1\",\"file\":\"/dev/null\",\"topic\":\"" + BenchCluster.SOURCE_TOPIC + "\","
                    + "\"bench.revision\":\"" + changes.get() + "\"}";
            try {
                int status = worker.send("PUT", "/connectors/" + name + "/config", body).statusCode();
                if (status == 200 || status == 201) {
                    changes.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                }
            } catch (Exception e) {
                errors.incrementAndGet();
            }
            next += pauseNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}

package io.connectusm.benchmarks.ingest;

import io.connectusm.events.MediaTypes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;

/**
 * One worker-like client: its own JDK {@link HttpClient} (HTTP/1.1, one keep-alive connection, the worker
 * certificate), POSTing batches either back to back (closed loop: {@code intervalNanos == 0}, latency from send to
 * answer) or at a fixed rate (open loop: one POST every {@code intervalNanos}, latency from the <em>intended</em> send
 * time, so a slow answer also counts against the POSTs it delayed: no coordinated omission).
 *
 * <p>Its threads are named {@code bench-client-N} and {@code bench-http-N-M} (its HttpClient's executor, fixed
 * threads so none ends inside the window and the CPU book finds them; the client's selector thread is the JDK's
 * {@code HttpClient-…}). The first POST connects and is not timed; it still counts for the audit. Lifecycle: built,
 * {@link #start()}, waits on {@code go} for the window, ends at the deadline; read the counters after {@link #join()}.
 */
final class IngestClient extends Thread {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final URI uri;
    private final Payloads payloads;
    private final int batch;
    private final long intervalNanos;
    private final long phaseNanos;
    private final CountDownLatch ready;
    private final CountDownLatch go;
    private final ExecutorService executor;
    private HttpClient http;
    volatile long start;
    volatile long deadline;

    private long[] latencies = new long[1 << 14];
    int count;
    long okPosts;
    long okEvents;
    long errors;
    String firstError;
    /** This thread's CPU time inside the window, ns: it ends before the window's CPU book is read. */
    long cpuNanos;
    final Map<Integer, Long> otherStatuses = new TreeMap<>();

    IngestClient(int index, URI uri, SSLContext tls, Payloads payloads, int batch, long intervalNanos, long phaseNanos,
            CountDownLatch ready, CountDownLatch go) {
        super("bench-client-" + index);
        setDaemon(true);
        this.uri = uri;
        this.payloads = payloads;
        this.batch = batch;
        this.intervalNanos = intervalNanos;
        this.phaseNanos = phaseNanos;
        this.ready = ready;
        this.go = go;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "bench-http-" + index + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public void run() {
        try {
            post(payloads.next());
        } catch (Exception e) {
            errors++;
            firstError = e.toString();
        } finally {
            ready.countDown();
        }
        try {
            go.await();
        } catch (InterruptedException e) {
            return;
        }
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        try {
            loop();
        } finally {
            cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
        }
    }

    private void loop() {
        long intended = start + phaseNanos;
        while (true) {
            long sendAt;
            if (intervalNanos == 0) {
                sendAt = System.nanoTime();
            } else {
                sendAt = intended;
                intended += intervalNanos;
                for (long wait = sendAt - System.nanoTime(); wait > 0; wait = sendAt - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
            }
            if (sendAt >= deadline) {
                break;
            }
            byte[] body = payloads.next();
            int status;
            try {
                status = post(body);
            } catch (Exception e) {
                errors++;
                if (firstError == null) {
                    firstError = e.toString();
                }
                continue;
            }
            if (status == 204) {
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = System.nanoTime() - sendAt;
            }
        }
    }

    private int post(byte[] body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", MediaTypes.CLOUDEVENTS_BATCH_JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 204) {
            okPosts++;
            okEvents += batch;
        } else {
            otherStatuses.merge(status, 1L, Long::sum);
            if (firstError == null) {
                firstError = status + " " + response.body();
            }
            if (status == 503) {
                Thread.sleep(100);
            }
        }
        return status;
    }

    /** The timed POSTs' latencies, in nanoseconds, in the order they were made. */
    long[] latencies() {
        return Arrays.copyOf(latencies, count);
    }

    /** Lets the HttpClient and its threads go. */
    void release() {
        http = null;
        latencies = null;
        executor.shutdownNow();
    }
}

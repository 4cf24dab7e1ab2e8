package io.connectusm.benchmarks.ingest;

import io.connectusm.agent.ingest.SecondLineScrubber;
import io.connectusm.agent.spool.BatchCodec;
import io.connectusm.benchmarks.report.ThreadCpu;
import io.connectusm.events.ScannedEvent;
import io.connectusm.events.StateDigest;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The agent's ingest hot path on the event loop, per event, without TLS, HTTP or the spool's commit: a batch of
 * {@code batch} connector snapshots as {@code agent-ingest} posts them (2.4 KB each, 40 config entries, one masked,
 * 4 tasks; every event a new state) validated by the scanner with the second line of masking looking at every string
 * ({@link SecondLineScrubber#flags}), its state digests included, then each event's spool value built (a header and
 * the event's bytes copied out of the batch, as {@code SpoolRecord.value} does). {@code scanOnly} is the same without
 * the second line, {@code baseline} a copy of the batch's bytes (the least a store-and-forward receiver pays).
 *
 * <p>Figures are per event ({@link OperationsPerInvocation} is the batch): with {@code -prof gc},
 * {@code gc.alloc.rate.norm} is the bytes allocated per event, a figure the load on the machine does not change.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar IngestHotPathBenchmark -prof gc}.
 *
 * <p>{@link #main} measures the same operations in this thread's CPU time instead of wall-clock time: on cores shared
 * with other builds, wall-clock averages include the time spent waiting for a core, CPU time does not. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar io.connectusm.benchmarks.ingest.IngestHotPathBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@OperationsPerInvocation(IngestHotPathBenchmark.BATCH)
public class IngestHotPathBenchmark {

    /** Events per POST, as in agent-ingest's 16 × 10 cell. */
    static final int BATCH = 10;
    /** What SpoolRecord puts before an event's bytes: a format byte, the key number, the digest. */
    private static final int SPOOL_HEADER = 1 + Integer.BYTES + StateDigest.BYTES;
    private static final int BATCHES = 64;

    @Param({"10"})
    public int batch;

    private final Predicate<String> secondLine = new SecondLineScrubber(new PrometheusRegistry())::flags;
    private byte[][] bodies;
    private int next;

    @Setup
    public void prepare() {
        if (batch != BATCH) {
            throw new IllegalArgumentException("per-event figures assume batch = " + BATCH);
        }
        Payloads payloads = new Payloads(0, 1, 1_000, batch, Instant.parse("2026-11-20T10:00:00Z"), true);
        bodies = new byte[BATCHES][];
        for (int i = 0; i < BATCHES; i++) {
            bodies[i] = payloads.next();
        }
    }

    private byte[] body() {
        byte[] body = bodies[next];
        next = (next + 1) % BATCHES;
        return body;
    }

    /** Scan with the second line, digests, spool values: what the event loop does for every event it accepts. */
    @Benchmark
    public void ingest(Blackhole blackhole) {
        for (ScannedEvent event : BatchCodec.scan(body(), secondLine)) {
            blackhole.consume(spoolValue(event));
        }
    }

    /** The same without the second line of masking. */
    @Benchmark
    public void scanOnly(Blackhole blackhole) {
        for (ScannedEvent event : BatchCodec.scan(body(), null)) {
            blackhole.consume(spoolValue(event));
        }
    }

    /** The batch's bytes copied once: the floor under any receiver that stores what it was sent. */
    @Benchmark
    public void baseline(Blackhole blackhole) {
        blackhole.consume(body().clone());
    }

    /** CPU µs per event of each operation: a 3 s warm-up, then the lowest and the median of 7 rounds of 1 s. */
    public static void main(String[] args) {
        IngestHotPathBenchmark state = new IngestHotPathBenchmark();
        state.batch = BATCH;
        state.prepare();
        Blackhole blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        Map<String, Runnable> operations = new LinkedHashMap<>();
        operations.put("ingest", () -> state.ingest(blackhole));
        operations.put("scanOnly", () -> state.scanOnly(blackhole));
        operations.put("baseline", () -> state.baseline(blackhole));
        System.out.println("| operation | CPU µs/event (lowest) | CPU µs/event (median) |");
        System.out.println("|---|---:|---:|");
        operations.forEach((name, operation) -> {
            double[] micros = ThreadCpu.lowestAndMedianMicros(operation, 3_000_000_000L, BATCH);
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f |%n", name, micros[0], micros[1]);
        });
    }

    private static byte[] spoolValue(ScannedEvent event) {
        byte[] value = new byte[SPOOL_HEADER + event.length()];
        System.arraycopy(event.stateDigest(), 0, value, 1 + Integer.BYTES, StateDigest.BYTES);
        event.copyJson(value, SPOOL_HEADER);
        return value;
    }
}

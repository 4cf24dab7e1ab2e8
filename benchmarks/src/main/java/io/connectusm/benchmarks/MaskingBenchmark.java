package io.connectusm.benchmarks;

import io.connectusm.benchmarks.report.ThreadCpu;
import io.connectusm.events.TraceMode;
import io.connectusm.extension.masking.ConnectorMasking;
import io.connectusm.secrets.ConfigMasker;
import io.connectusm.secrets.DeclaredKeys;
import io.connectusm.secrets.MaskedConfig;
import io.connectusm.secrets.MaskingOptions;
import io.connectusm.secrets.TextScrubber;
import io.connectusm.secrets.TraceScrubber;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of masking on the worker and of the second-line scrubber at the agent and endpoint.
 *
 * <ul>
 *   <li>{@code maskConfig}: {@code secret-detection}'s {@link ConfigMasker} on one connector config of {@code keys}
 *       entries (a MirrorMaker-like mix: client overrides under prefixes, transforms, converters, URLs with
 *       credentials, a JAAS config, secret-named keys, and many ordinary settings) with its {@code DeclaredKeys} given;
 *       the worker extension's whole path on the same config ({@code extensionMaskConfig}: {@code ConnectorMasking},
 *       its declared keys looked up in its cache of plugin definitions, as in a worker, and the reason codes); and
 *       a plain copy of the map into a sorted map ({@code baselineCopyConfig}, the floor every masker pays: jmh.sh
 *       gives every other method as a ratio to it).</li>
 *   <li>{@code scrubEventStrings}: {@link TextScrubber} over every string of a 2.4 KB connector snapshot (names,
 *       state, worker, a trace, 40 masked config entries), as the agent runs it on every event; and
 *       {@code scrubTrace}: a connector's {@link TraceScrubber} over its 1.5 KB trace.</li>
 * </ul>
 *
 * <p>{@link #main} measures the same operations in this thread's CPU time instead of wall-clock time: on cores
 * shared with other builds, wall-clock averages include the time spent waiting for a core, CPU time does not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MaskingBenchmark {

    /** The strings of one snapshot event: 2.4 KB, the size of EventCodecBenchmark's snapshots. */
    private static final int EVENT_CHARS = 2_400;

    @Param({"50", "500"})
    public int keys;

    private final ConfigMasker masker = new ConfigMasker(MaskingOptions.defaults());
    private ConnectorMasking extension;
    private Map<String, String> config;
    private DeclaredKeys declared;
    private List<String> eventStrings;
    private String trace;
    private TraceScrubber traceScrubber;

    @Setup
    public void prepare() {
        Random random = new Random(42);
        config = config(keys, random);
        declared = DeclaredKeys.builder()
                .passwordKeys("", List.of("connection.password", "source.cluster.ssl.truststore.password"))
                .declaredKeys("", List.of("connection.url", "topics", "batch.size"))
                .passwordKeys("transforms.t0.", List.of("signing.material"))
                .build();
        extension = new ConnectorMasking(MaskingBenchmark.class.getClassLoader(), Map.of(), MaskingOptions.defaults(),
                TraceMode.SCRUBBED);
        extension.mask(config);
        trace = trace();
        traceScrubber = masker.mask(config, declared).traceScrubber();
        eventStrings = eventStrings(masker.mask(config(40, new Random(7)), declared), trace);
        int bytes = eventStrings.stream().mapToInt(String::length).sum();
        if (bytes != EVENT_CHARS) {
            throw new IllegalStateException("the event's strings should total 2.4 KB, not " + bytes);
        }
    }

    @Benchmark
    public MaskedConfig maskConfig() {
        return masker.mask(config, declared);
    }

    @Benchmark
    public Object extensionMaskConfig() {
        return extension.mask(config);
    }

    @Benchmark
    public Map<String, String> baselineCopyConfig() {
        return new TreeMap<>(config);
    }

    @Benchmark
    public void scrubEventStrings(Blackhole hole) {
        for (String s : eventStrings) {
            hole.consume(TextScrubber.standard().scrub(s));
        }
    }

    @Benchmark
    public String scrubTrace() {
        return traceScrubber.scrub(trace);
    }

    /**
     * Thread CPU time per operation, for every operation and config size: after a 2 s warm-up, the lowest and the
     * median of 7 rounds of about 1 s each. {@code java -cp benchmarks/target/benchmarks.jar
     * io.connectusm.benchmarks.MaskingBenchmark}.
     */
    public static void main(String[] args) {
        System.out.println("| operation | keys | CPU us/op (lowest) | CPU us/op (median) |");
        System.out.println("|---|---:|---:|---:|");
        for (int size : new int[] {50, 500}) {
            MaskingBenchmark b = new MaskingBenchmark();
            b.keys = size;
            b.prepare();
            Map<String, Runnable> operations = new java.util.LinkedHashMap<>();
            operations.put("maskConfig", b::maskConfig);
            operations.put("extensionMaskConfig", b::extensionMaskConfig);
            operations.put("baselineCopyConfig", b::baselineCopyConfig);
            operations.put("scrubEventStrings", () -> b.eventStrings.forEach(TextScrubber.standard()::scrub));
            operations.put("scrubTrace", b::scrubTrace);
            operations.forEach((name, operation) -> {
                double[] micros = ThreadCpu.lowestAndMedianMicros(operation, 2_000_000_000L, 1);
                System.out.printf(java.util.Locale.ROOT, "| %s | %d | %.1f | %.1f |%n", name, size, micros[0],
                        micros[1]);
            });
        }
    }

    static Map<String, String> config(int size, Random random) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "com.example.jdbc.JdbcSinkConnector");
        config.put("name", "orders-sink");
        config.put("tasks.max", "4");
        config.put("topics", "orders,payments");
        config.put("connection.url", "jdbc:postgresql://app:Pg-S3cret@db.example.com:5432/orders?ssl=true");
        config.put("connection.password", "Pg-S3cret");
        config.put("producer.override.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule "
                + "required username=\"svc\" password=\"K4fka-S3cret\";");
        config.put("source.cluster.ssl.truststore.password", "changeit");
        config.put("value.converter", "io.confluent.connect.avro.AvroConverter");
        config.put("value.converter.schema.registry.url", "https://sr.example.com:8081");
        config.put("value.converter.basic.auth.user.info", "sr-user:sr-S3cret");
        config.put("datadog.api.key", "0123456789abcdef0123456789abcdef");
        config.put("http.headers", "Authorization: Bearer abcDEF0123456789xyz, Accept: application/json");
        config.put("transforms", "t0,t1,t2");
        String[] values = {"true", "false", "1000", "/var/lib/connect/offsets", "org.apache.kafka.connect.json."
                + "JsonConverter", "https://api.example.com/v1/items?page=2", "orders-${topic}", "PT30S", "all",
                "snake_case", "io.example.Transform$Value", "us-east-1", "{\"type\":\"record\",\"name\":\"Order\"}"};
        String[] suffixes = {"batch.size", "max.retries", "retry.backoff.ms", "table.name.format", "pk.mode",
            "insert.mode", "auto.create", "field.name", "timezone", "topic.prefix", "type", "region", "endpoint.url"};
        for (int i = 0; config.size() < size; i++) {
            String prefix = i % 4 == 0 ? "transforms.t" + (i % 3) + "." : i % 4 == 1 ? "producer.override." : "";
            config.put(prefix + "setting" + i + "." + suffixes[random.nextInt(suffixes.length)],
                    values[random.nextInt(values.length)]);
        }
        return config;
    }

    private static String trace() {
        StringBuilder trace = new StringBuilder("org.apache.kafka.connect.errors.ConnectException: "
                + "java.sql.SQLException: FATAL: password authentication failed for user \"app\"\n");
        String[] frames = {"io.confluent.connect.jdbc.sink.JdbcDbWriter.write(JdbcDbWriter.java:74)",
            "io.confluent.connect.jdbc.sink.JdbcSinkTask.put(JdbcSinkTask.java:84)",
            "org.apache.kafka.connect.runtime.WorkerSinkTask.deliverMessages(WorkerSinkTask.java:601)",
            "org.apache.kafka.connect.runtime.WorkerSinkTask.poll(WorkerSinkTask.java:350)",
            "org.apache.kafka.connect.runtime.WorkerSinkTask.iteration(WorkerSinkTask.java:250)",
            "org.apache.kafka.connect.runtime.WorkerSinkTask.execute(WorkerSinkTask.java:219)",
            "org.apache.kafka.connect.runtime.WorkerTask.doRun(WorkerTask.java:204)",
            "org.apache.kafka.connect.runtime.WorkerTask.run(WorkerTask.java:259)",
            "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)"};
        while (trace.length() < 1_400) {
            for (String frame : frames) {
                trace.append("\tat ").append(frame).append('\n');
            }
            trace.append("Caused by: org.postgresql.util.PSQLException: connection to db.example.com:5432 refused\n");
        }
        return trace.substring(0, 1_500);
    }

    /** A snapshot's strings: names, state, worker, 40 masked config entries, masked keys, and a trace to 2.4 KB. */
    private static List<String> eventStrings(MaskedConfig masked, String trace) {
        List<String> strings = new ArrayList<>();
        strings.add("orders-sink");
        strings.add("com.example.jdbc.JdbcSinkConnector");
        strings.add("FAILED");
        strings.add("worker-1.example.com:8083");
        masked.config().forEach((key, value) -> {
            strings.add(key);
            strings.add(value);
        });
        strings.addAll(masked.maskedKeys());
        int used = strings.stream().mapToInt(String::length).sum();
        strings.add(trace.substring(0, Math.min(trace.length(), EVENT_CHARS - used)));
        return strings;
    }
}

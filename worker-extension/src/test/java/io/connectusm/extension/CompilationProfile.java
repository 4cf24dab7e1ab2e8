package io.connectusm.extension;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the JIT compiled during a recording, from its {@code jdk.Compilation} events: the compilations and their
 * time per code origin (the extension and what it shades in, Kafka and Connect, the JDK's HTTP client and TLS, the
 * rest of the JDK, everything else). JIT threads run no Java code, so {@link ExecutionProfile} cannot see them; this
 * tells whose code they were compiling. {@link #settings} writes the JFR settings that record every compilation (the
 * {@code profile} settings keep only those over 100 ms). Benchmark helper for issue #18.
 */
final class CompilationProfile {

    private static final Map<String, String> ORIGINS = new LinkedHashMap<>();

    static {
        ORIGINS.put("io.connectusm.", "the extension (and what it shades in)");
        ORIGINS.put("org.apache.kafka.", "Kafka and Connect");
        ORIGINS.put("jdk.internal.net.http.", "the JDK's HTTP client");
        ORIGINS.put("sun.security.", "the JDK's TLS and crypto");
        ORIGINS.put("com.sun.crypto.", "the JDK's TLS and crypto");
        ORIGINS.put("javax.crypto.", "the JDK's TLS and crypto");
        ORIGINS.put("java.", "the rest of the JDK");
        ORIGINS.put("jdk.", "the rest of the JDK");
        ORIGINS.put("sun.", "the rest of the JDK");
    }

    private CompilationProfile() {
    }

    /** JFR's {@code profile} settings with every compilation recorded, written to a temporary file. */
    static Path settings() throws IOException {
        Path profile = Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc");
        String jfc = Files.readString(profile).replace(
                "<setting name=\"threshold\" control=\"compiler-compilation-threshold\">100 ms</setting>",
                "<setting name=\"threshold\" control=\"compiler-compilation-threshold\">0 ms</setting>");
        Path file = Files.createTempFile("idle-profile", ".jfc");
        Files.writeString(file, jfc);
        return file;
    }

    /** Markdown lines: compilations and their summed duration per origin, the most expensive first. */
    static List<String> summarize(Path recording) throws IOException {
        Map<String, long[]> byOrigin = new LinkedHashMap<>();
        long count = 0;
        long nanos = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!"jdk.Compilation".equals(event.getEventType().getName())) {
                continue;
            }
            RecordedMethod method = event.getValue("method");
            String type = method == null ? "" : method.getType().getName();
            long duration = event.getDuration().toNanos();
            long[] sums = byOrigin.computeIfAbsent(origin(type), k -> new long[2]);
            sums[0]++;
            sums[1] += duration;
            count++;
            nanos += duration;
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format("JIT compilations (jdk.Compilation): %d, %d ms", count,
                Duration.ofNanos(nanos).toMillis()));
        byOrigin.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .forEach(e -> lines.add(String.format("- %s: %d compilations, %d ms", e.getKey(), e.getValue()[0],
                        Duration.ofNanos(e.getValue()[1]).toMillis())));
        return lines;
    }

    private static String origin(String type) {
        for (Map.Entry<String, String> origin : ORIGINS.entrySet()) {
            if (type.startsWith(origin.getKey())) {
                return origin.getValue();
            }
        }
        return "other (Jetty, Jersey, Jackson of the worker, log4j…)";
    }
}

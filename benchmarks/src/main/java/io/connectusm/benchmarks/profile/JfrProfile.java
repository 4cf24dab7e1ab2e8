package io.connectusm.benchmarks.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of the ingest harness ({@code --jfr}) for one target: CPU samples
 * ({@code jdk.ExecutionSample}) and allocation ({@code jdk.ObjectAllocationSample}, by weight) of the server's event
 * loops and of the spool's committer, inside that target's timed windows only, attributed to what the agent does — a
 * sample counts for the first category, in the order below, that any frame of its stack belongs to (so "scan" is
 * inclusive of the Jackson parsing it calls, "digest" of the SHA-256 it calls). Prints markdown tables.
 *
 * <p>Usage: {@code JfrProfile FILE TARGET-LABEL-PREFIX}. Stateless apart from its counts; single-threaded.
 */
public final class JfrProfile {

    /** Categories in attribution order: the first that matches any frame of a stack takes the sample. */
    private static final Map<String, Predicate<String>> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put("state digest", frame -> frame.startsWith("io.connectusm.events.StateDigest")
                || frame.startsWith("io.connectusm.agent.spool.BatchCodec.stateDigest"));
        CATEGORIES.put("config fingerprint", frame -> frame.startsWith("io.connectusm.events.ConfigFingerprint"));
        CATEGORIES.put("validate: scan (EventScanner)", frame -> frame.startsWith("io.connectusm.events.EventScanner")
                || frame.startsWith("io.connectusm.events.ScannedFields") || frame.startsWith("io.connectusm.events.ScanChecks"));
        CATEGORIES.put("encode (EventCodec)", frame -> frame.startsWith("io.connectusm.events.EventWriter")
                || frame.startsWith("io.connectusm.events.EventCodec.encode"));
        CATEGORIES.put("validate: decode (EventCodec)", frame -> frame.startsWith("io.connectusm.events.EventCodec.decode")
                || frame.startsWith("io.connectusm.events.DocumentReader") || frame.startsWith("io.connectusm.events.EventReader")
                || frame.startsWith("io.connectusm.events.NodeReader") || frame.startsWith("io.connectusm.events.Shape")
                || frame.startsWith("io.cloudevents."));
        CATEGORIES.put("event value types", frame -> frame.startsWith("io.connectusm.events."));
        CATEGORIES.put("spool: lay out events (IncomingEvent)", frame -> frame.startsWith("io.connectusm.agent.spool.IncomingEvent")
                || frame.startsWith("io.connectusm.agent.spool.Spool.append"));
        CATEGORIES.put("spool: fsync", frame -> frame.contains(".force(") || frame.contains("FileDispatcherImpl.force"));
        CATEGORIES.put("spool: MVStore", frame -> frame.startsWith("org.h2.mvstore"));
        CATEGORIES.put("spool: index, committer", frame -> frame.startsWith("io.connectusm.agent.spool"));
        CATEGORIES.put("routing, identity, registration", frame -> frame.startsWith("io.connectusm.agent.ingest.EventRouter")
                || frame.startsWith("io.connectusm.agent.registration"));
        CATEGORIES.put("TLS", frame -> frame.startsWith("io.netty.handler.ssl") || frame.startsWith("io.netty.internal.tcnative")
                || frame.startsWith("sun.security.ssl"));
        CATEGORIES.put("HTTP (codec, aggregation)", frame -> frame.startsWith("io.netty.handler.codec"));
        CATEGORIES.put("socket I/O, event loop", frame -> frame.startsWith("io.netty.channel") || frame.startsWith("sun.nio.ch"));
    }

    private JfrProfile() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        String target = args.length > 1 ? args[1] : "";
        List<Instant[]> windows = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getEventType().getName().equals("io.connectusm.benchmarks.IngestWindow")
                    && event.getString("target").startsWith(target) && event.getDouble("rate") == 0) {
                windows.add(new Instant[] {event.getStartTime(), event.getEndTime()});
            }
        }
        Map<String, Map<String, Double>> cpu = new TreeMap<>();
        Map<String, Map<String, Double>> selfTime = new TreeMap<>();
        Map<String, Map<String, Double>> allocation = new TreeMap<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                boolean sample = type.equals("jdk.ExecutionSample");
                if (!sample && !type.equals("jdk.ObjectAllocationSample") || !inside(event.getStartTime(), windows)) {
                    continue;
                }
                String thread = group(sample ? event.getThread("sampledThread") : event.getThread("eventThread"));
                RecordedStackTrace stack = event.getStackTrace();
                if (thread == null || stack == null) {
                    continue;
                }
                List<String> frames = new ArrayList<>();
                for (RecordedFrame frame : stack.getFrames()) {
                    frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName() + "(");
                }
                double weight = sample ? 1 : event.getLong("weight");
                (sample ? cpu : allocation).computeIfAbsent(thread, t -> new TreeMap<>()).merge(category(frames), weight,
                        Double::sum);
                if (sample && !frames.isEmpty()) {
                    selfTime.computeIfAbsent(thread, t -> new TreeMap<>()).merge(frames.get(0), 1.0, Double::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "Profile of `%s` windows (%d), %s%n%n", target, windows.size(), file.getFileName());
        table("CPU samples", cpu, "%");
        table("Allocation (sampled weight)", allocation, "%");
        for (Map.Entry<String, Map<String, Double>> group : selfTime.entrySet()) {
            double total = group.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            System.out.printf(Locale.ROOT, "Top methods by self time, %s (%.0f samples):%n%n", group.getKey(), total);
            group.getValue().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(15)
                    .forEach(e -> System.out.printf(Locale.ROOT, "- %4.1f %% %s)%n", 100 * e.getValue() / total, e.getKey()));
            System.out.println();
        }
    }

    private static void table(String title, Map<String, Map<String, Double>> byGroup, String unit) {
        for (Map.Entry<String, Map<String, Double>> group : byGroup.entrySet()) {
            double total = group.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            System.out.printf(Locale.ROOT, "%s, %s (%.0f):%n%n| what | share |%n|---|---|%n", title, group.getKey(), total);
            group.getValue().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> System.out.printf(Locale.ROOT, "| %s | %.1f %s |%n", e.getKey(), 100 * e.getValue() / total,
                            unit));
            System.out.println();
        }
    }

    private static boolean inside(Instant time, List<Instant[]> windows) {
        for (Instant[] window : windows) {
            if (!time.isBefore(window[0]) && !time.isAfter(window[1])) {
                return true;
            }
        }
        return false;
    }

    private static String group(jdk.jfr.consumer.RecordedThread thread) {
        if (thread == null || thread.getJavaName() == null) {
            return null;
        }
        String name = thread.getJavaName();
        if (name.startsWith("multiThreadIoEventLoopGroup")) {
            return "server event loops";
        }
        if (name.startsWith("usm-agent-spool-committer")) {
            return "spool committer";
        }
        return null;
    }

    private static String category(List<String> frames) {
        for (Map.Entry<String, Predicate<String>> category : CATEGORIES.entrySet()) {
            for (String frame : frames) {
                if (category.getValue().test(frame)) {
                    return category.getKey();
                }
            }
        }
        return "other (" + (frames.isEmpty() ? "?" : frames.get(0).replaceAll("\\.[^.]*\\($", "")) + ")";
    }

}

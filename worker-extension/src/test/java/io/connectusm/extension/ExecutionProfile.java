package io.connectusm.extension;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a worker's threads spend CPU, from a JFR recording's {@code jdk.ExecutionSample} events (one per thread
 * found running Java code at each sampling tick): the samples per {@link WorkerThreadGroups group}, and per group the
 * heaviest stacks by their first frames. JIT and GC threads run no Java code and are never sampled; the probe's
 * per-group CPU gives them. Benchmark helper for the root-cause analysis of issue #18.
 */
final class ExecutionProfile {

    private static final int FRAMES = 12;

    private ExecutionProfile() {
    }

    /** Markdown lines: samples per group, then the {@code top} heaviest stacks of every group with samples. */
    static List<String> summarize(Path recording, int top) throws IOException {
        Map<String, Map<String, Integer>> stacksByGroup = new LinkedHashMap<>();
        WorkerThreadGroups.ORDER.forEach(group -> stacksByGroup.put(group, new HashMap<>()));
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!"jdk.ExecutionSample".equals(event.getEventType().getName())) {
                continue;
            }
            RecordedThread thread = event.getThread("sampledThread");
            String name = thread == null || thread.getJavaName() == null ? "" : thread.getJavaName();
            if (WorkerJvmProbe.Sample.isProbe(name)) {
                continue;
            }
            stacksByGroup.get(WorkerThreadGroups.of(name)).merge(name.replaceAll("\\d+", "N") + ": "
                    + AllocationProfile.stack(event.getStackTrace(), FRAMES), 1, Integer::sum);
            total++;
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format("Execution samples (jdk.ExecutionSample): %d", total));
        int all = Math.max(1, total);
        for (Map.Entry<String, Map<String, Integer>> group : stacksByGroup.entrySet()) {
            int samples = group.getValue().values().stream().mapToInt(Integer::intValue).sum();
            if (samples == 0) {
                continue;
            }
            lines.add(String.format("- %s: %d samples (%.0f %%)", group.getKey(), samples, 100.0 * samples / all));
            group.getValue().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(top).forEach(e -> lines.add(String.format("  - %d: %s", e.getValue(), e.getKey())));
        }
        return lines;
    }
}

package io.connectusm.extension;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a thread allocates, from a JFR recording's {@code jdk.ObjectAllocationSample} events (each weighted by the
 * bytes it stands for): the samples of the threads whose name contains a part (the herder's tick thread) grouped by
 * the first frames of their stacks, the heaviest first. Benchmark helper for the root-cause analysis of issue #18.
 */
final class AllocationProfile {

    private static final int FRAMES = 14;

    private AllocationProfile() {
    }

    /** The {@code top} heaviest stacks of {@code threadPart}'s samples, as Markdown lines with their share. */
    static List<String> summarize(Path recording, String threadPart, int top) throws IOException {
        Map<String, Long> weightByStack = new HashMap<>();
        long total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!"jdk.ObjectAllocationSample".equals(event.getEventType().getName())) {
                continue;
            }
            RecordedThread thread = event.getThread("eventThread");
            if (thread == null || thread.getJavaName() == null || !thread.getJavaName().contains(threadPart)) {
                continue;
            }
            long weight = event.getLong("weight");
            total += weight;
            weightByStack.merge(stack(event.getStackTrace(), FRAMES), weight, Long::sum);
        }
        long all = Math.max(1, total);
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%s: %.1f MB sampled", threadPart, total / 1e6));
        weightByStack.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> lines.add(String.format("- %.0f %%: %s", 100.0 * e.getValue() / all, e.getKey())));
        return lines;
    }

    /** The first {@code frames} frames of a stack, innermost first, as {@code Type.method ← …}. */
    static String stack(RecordedStackTrace trace, int frames) {
        if (trace == null) {
            return "(no stack)";
        }
        return trace.getFrames().stream().limit(frames).map(AllocationProfile::frame)
                .collect(Collectors.joining(" ← "));
    }

    private static String frame(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }
}

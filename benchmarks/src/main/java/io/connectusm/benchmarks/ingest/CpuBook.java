package io.connectusm.benchmarks.ingest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of this process by thread group over a window, from {@code /proc/self/task/<tid>/stat}: every thread,
 * Java or native (GC and JIT threads have no {@code Thread} object), by its name. Groups: the server's event loops,
 * the spool committer, the clients (their threads, their HttpClients' executors and selector threads), GC, JIT, and
 * other (the process's total minus the groups: the rest, and threads that ended inside the window, except the client
 * threads, which book their own CPU). Resolution: one clock tick (10 ms) per thread. Linux only; elsewhere everything is "other". Not thread-safe.
 */
final class CpuBook {

    /** The groups, in report order. */
    static final List<String> GROUPS = List.of("server", "committer", "clients", "gc", "jit", "other");

    private static final double TICKS_PER_SECOND = 100.0;
    private static final Path TASKS = Path.of("/proc/self/task");

    private final Map<String, Long> startByThread;
    private final long startProcess;
    private String topOther = "";

    private CpuBook(Map<String, Long> startByThread, long startProcess) {
        this.startByThread = startByThread;
        this.startProcess = startProcess;
    }

    /** Opens a window now. */
    static CpuBook start() {
        return new CpuBook(threads(), processTicks());
    }

    /**
     * CPU seconds per group since {@link #start()}, plus {@code "process"}, the whole process.
     *
     * @param endedClientSeconds CPU of client threads that ended before now (they measure it themselves)
     */
    Map<String, Double> seconds(double endedClientSeconds) {
        Map<String, Long> now = threads();
        Map<String, Double> groups = new LinkedHashMap<>();
        GROUPS.forEach(group -> groups.put(group, 0.0));
        double accounted = 0;
        Map<String, Double> unmatched = new HashMap<>();
        for (Map.Entry<String, Long> entry : now.entrySet()) {
            String name = entry.getKey().substring(entry.getKey().indexOf(' ') + 1);
            if (name.startsWith("bench-client")) {
                continue; // books its own CPU (endedClientSeconds)
            }
            String group = group(name);
            double seconds = (entry.getValue() - startByThread.getOrDefault(entry.getKey(), 0L)) / TICKS_PER_SECOND;
            if (group == null) {
                unmatched.merge(name.replaceAll("[0-9]+", "#"), seconds, Double::sum);
                continue;
            }
            groups.merge(group, seconds, Double::sum);
            accounted += seconds;
        }
        topOther = unmatched.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(4)
                .map(e -> String.format(java.util.Locale.ROOT, "%s %.2fs", e.getKey(), e.getValue()))
                .reduce((a, b) -> a + ", " + b).orElse("");
        groups.merge("clients", endedClientSeconds, Double::sum);
        accounted += endedClientSeconds;
        double process = (processTicks() - startProcess) / TICKS_PER_SECOND;
        groups.put("other", Math.max(0, process - accounted));
        groups.put("process", process);
        return groups;
    }

    /** The busiest threads of "other" in the last {@link #seconds()}, for the log. */
    String topOther() {
        return topOther;
    }

    /** The group of a thread by its (kernel, at most 15 characters) name; {@code null} for "other". */
    static String group(String name) {
        if (name.startsWith("multiThreadIoEv") || name.toLowerCase(java.util.Locale.ROOT).contains("eventloop")) {
            return "server";
        }
        if (name.startsWith("usm-agent-spool")) {
            return "committer";
        }
        if (name.startsWith("bench-client") || name.startsWith("bench-http") || name.startsWith("HttpClient-")) {
            return "clients";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "gc";
        }
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return "jit";
        }
        return null;
    }

    /** "tid name" → utime + stime ticks, for every thread alive now. */
    private static Map<String, Long> threads() {
        Map<String, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    ticks.put(task.getFileName() + " " + name, cpuTicks(stat));
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            return Map.of();
        }
        return ticks;
    }

    private static long processTicks() {
        try {
            return cpuTicks(Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException | RuntimeException notLinux) {
            return 0;
        }
    }

    /** utime + stime of a {@code stat} line: fields 14 and 15, counted after the parenthesised name. */
    private static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}

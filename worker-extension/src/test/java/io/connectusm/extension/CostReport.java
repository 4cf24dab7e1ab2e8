package io.connectusm.extension;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The Markdown block of {@link ExtensionCostHarness}: the run's machine line, every measured start of the worker,
 * and per size the on/off ratios of the medians over the rounds — the figures issue #18 asks for. Stateless after
 * construction.
 */
final class CostReport {

    private final List<ExtensionCostHarness.Cell> cells;
    private final List<String> profiles;
    private final ExtensionCostHarness.Options options;

    CostReport(List<ExtensionCostHarness.Cell> cells, List<String> profiles, ExtensionCostHarness.Options options) {
        this.cells = cells;
        this.profiles = profiles;
        this.options = options;
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("Machine: %d cores, %s, %s %s; %s UTC. Settle %d s (then until the JIT is quiet), idle window %d s, REST windows %d s "
                        + "(idle, then %.0f config PUTs/s), %d rounds alternating off/on.",
                Runtime.getRuntime().availableProcessors(), memory(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
                options.settle().toSeconds(), options.window().toSeconds(), options.restWindow().toSeconds(),
                options.changesPerSecond(), options.rounds()));
        lines.add("");
        lines.add("| connectors | extension | round | load avg (1/5/15 min) | worker CPU (cores) | allocation MB/s: "
                + "all / herder thread / extension threads | live heap MB | REST idle: status p50/p99, config p50/p99 "
                + "ms | REST under changes: status, config p50/p99 ms | task failure → event ms | events received (of them "
                + "RESYNC): idle window / REST idle / REST under changes |");
        lines.add("|---|---|---|---|---|---|---|---|---|---|---|");
        for (ExtensionCostHarness.Cell c : cells) {
            lines.add(String.format("| %d | %s | %d | %s | %.3f | %.2f / %.2f / %.3f | %.1f | %s, %s | %s, %s (%d changes) "
                            + "| %s | %s / %s / %s |", c.connectors(), c.extension() ? "on" : "off", c.round() + 1, c.loadBefore(),
                    c.cpuCores(), c.allocMBs(), c.herderAllocMBs(), c.extensionAllocMBs(), c.liveHeapMB(),
                    c.idleRest().describe(c.idleRest().statusMillis()), c.idleRest().describe(c.idleRest().configMillis()),
                    c.streamRest().describe(c.streamRest().statusMillis()),
                    c.streamRest().describe(c.streamRest().configMillis()), c.streamRest().changes(),
                    c.failureMillis().isEmpty() ? "–" : c.failureMillis().toString(),
                    c.idleReceived(), c.restIdleReceived(), c.restStreamReceived()));
        }
        lines.add("");
        lines.add("On/off ratios (median of the rounds; goal for idle CPU and allocation: ≤ 1.10):");
        lines.add("");
        lines.add("| connectors | worker CPU on/off | worker CPU without the JIT compilers on/off "
                + "| allocation on/off | herder-thread allocation on/off "
                + "| allocation without the herder thread on/off "
                + "| live heap on − off MB | REST idle p99 on/off (status, config) | REST under changes p99 on/off "
                + "(status, config) | task failure → event ms, p50 / max (n) |");
        lines.add("|---|---|---|---|---|---|---|---|---|---|");
        for (int size : options.sizes()) {
            List<ExtensionCostHarness.Cell> on = of(size, true);
            List<ExtensionCostHarness.Cell> off = of(size, false);
            List<Long> failures = on.stream().flatMap(c -> c.failureMillis().stream()).toList();
            lines.add(String.format("| %d | %s | %s | %s | %s | %s | %.1f | %s, %s | %s, %s | %s |", size,
                    ratio(on, off, ExtensionCostHarness.Cell::cpuCores),
                    // What the JIT still compiles after the settle is the tail of the start's warm-up, and swings
                    // 1-7 ms/s from one start to the next, on or off alike: more than the extension's own threads.
                    ratio(on, off, c -> c.cpuCores() - groupCores(c, WorkerThreadGroups.JIT)),
                    ratio(on, off, ExtensionCostHarness.Cell::allocMBs),
                    ratio(on, off, ExtensionCostHarness.Cell::herderAllocMBs),
                    // Connect's own group-membership loop, which the extension never calls into: its allocation
                    // differs 2-5x from one start to the next (what the JIT made of it), on or off alike.
                    ratio(on, off, c -> c.allocMBs() - c.herderAllocMBs()),
                    ExtensionCostHarness.median(on, ExtensionCostHarness.Cell::liveHeapMB)
                            - ExtensionCostHarness.median(off, ExtensionCostHarness.Cell::liveHeapMB),
                    ratio(on, off, c -> BenchStats.percentile(c.idleRest().statusMillis(), 99)),
                    ratio(on, off, c -> BenchStats.percentile(c.idleRest().configMillis(), 99)),
                    ratio(on, off, c -> BenchStats.percentile(c.streamRest().statusMillis(), 99)),
                    ratio(on, off, c -> BenchStats.percentile(c.streamRest().configMillis(), 99)),
                    failures.isEmpty() ? "–" : String.format("%.0f / %.0f (%d)", BenchStats.median(failures),
                            BenchStats.max(failures), failures.size())));
        }
        lines.add("");
        lines.add("Idle window per thread group (Java threads: `ThreadMXBean` over JMX; JIT compilers and VM thread: "
                + "Linux's per-thread counters; the last group is what is left of the process's CPU; CPU in ms per "
                + "second, i.e. thousandths of a core, / allocation KB/s; settled: from the worker showing every "
                + "connector to the window, the settle time and then until the JIT used < 5 ms/s over 10 s, at most "
                + "4 min):");
        lines.add("");
        StringBuilder header = new StringBuilder("| connectors | extension | round | settled s |");
        StringBuilder rule = new StringBuilder("|---|---|---|---|");
        WorkerThreadGroups.ORDER.forEach(group -> {
            header.append(' ').append(group).append(" |");
            rule.append("---|");
        });
        lines.add(header.toString());
        lines.add(rule.toString());
        for (ExtensionCostHarness.Cell c : cells) {
            StringBuilder row = new StringBuilder(String.format("| %d | %s | %d | %d |", c.connectors(),
                    c.extension() ? "on" : "off", c.round() + 1, c.settledSeconds()));
            c.groups().values().forEach(use -> row.append(String.format(" %.1f / %.1f |", use.cpuCores() * 1e3,
                    use.allocKBs())));
            lines.add(row.toString());
        }
        if (!profiles.isEmpty()) {
            lines.add("");
            lines.add("Allocation samples (JFR `jdk.ObjectAllocationSample`, idle window), heaviest stacks (JFR's "
                    + "sample weights: for a thread allocating a few KB/s they over-count many times; the thread's "
                    + "own allocation counter is the table's figure):");
            lines.add("");
            lines.addAll(profiles);
        }
        return lines;
    }

    private List<ExtensionCostHarness.Cell> of(int size, boolean extension) {
        return cells.stream().filter(c -> c.connectors() == size && c.extension() == extension).toList();
    }

    private static double groupCores(ExtensionCostHarness.Cell cell, String group) {
        ExtensionCostHarness.GroupUse use = cell.groups().get(group);
        return use == null ? 0 : use.cpuCores();
    }

    private static String ratio(List<ExtensionCostHarness.Cell> on, List<ExtensionCostHarness.Cell> off,
                                ToDoubleFunction<ExtensionCostHarness.Cell> value) {
        return BenchStats.ratio(ExtensionCostHarness.median(on, value), ExtensionCostHarness.median(off, value));
    }

    private static String memory() {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024)) + " GiB";
    }
}

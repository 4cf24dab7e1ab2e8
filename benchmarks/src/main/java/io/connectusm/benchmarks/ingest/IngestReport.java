package io.connectusm.benchmarks.ingest;

import io.connectusm.benchmarks.report.Machine;
import io.connectusm.benchmarks.report.Stats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The result block of one harness run: throughput (closed loop) and latency at a fixed rate, each target against
 * the first (the baseline) as a ratio per alternation, median and spread; CPU per event by thread group; the
 * audit of every run; and whether the goals of issue #17 are met. Immutable.
 */
final class IngestReport {

    private static final double THROUGHPUT_GOAL = 0.5;
    private static final double P99_GOAL = 2.0;

    private final IngestOptions options;
    private final List<RunResult> results;
    private final Instant begin;
    private final Instant end;
    private final double loadBegin;

    IngestReport(IngestOptions options, List<RunResult> results, Instant begin, Instant end, double loadBegin) {
        this.options = options;
        this.results = results;
        this.begin = begin;
        this.end = end;
        this.loadBegin = loadBegin;
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        List<Double> loads = results.stream().map(RunResult::loadEnd).collect(Collectors.toList());
        out.append(String.format(Locale.ROOT, "Machine: %s; %s – %s; load average %.1f at the start, %.1f–%.1f during "
                        + "the runs. Command: `%s`. Each cell: %d alternation%s of %s, closed loop %d s, then %s.%n%n",
                Machine.description(), Machine.minute(begin), Machine.minute(end).substring(11), loadBegin,
                Stats.min(loads), Stats.max(loads), options.command(), options.alternations(),
                options.alternations() == 1 ? "" : "s", targetsList(), options.closedSeconds(),
                options.openSeconds() == 0 ? "no fixed-rate runs" : String.format(Locale.ROOT,
                        "%d s at a fixed rate of %.0f %% of the slower agent's closed-loop median", options.openSeconds(),
                        options.openFraction() * 100)));
        throughput(out);
        if (options.openSeconds() > 0) {
            latency(out);
        }
        cpu(out);
        audit(out);
        goals(out);
        return out.toString();
    }

    private String targetsList() {
        return options.targets().stream().map(TargetKind::label).collect(Collectors.joining(", "));
    }

    private TargetKind baseline() {
        return options.targets().get(0);
    }

    private List<RunResult> runs(Cell cell, TargetKind kind, boolean open) {
        return results.stream().filter(r -> r.cell().equals(cell) && r.kind() == kind && (r.offeredRate() > 0) == open)
                .collect(Collectors.toList());
    }

    private static List<Double> values(List<RunResult> runs, ToDoubleFunction<RunResult> figure) {
        return runs.stream().map(r -> figure.applyAsDouble(r)).collect(Collectors.toList());
    }

    /** Per alternation, {@code figure} of the target over the same of the baseline. */
    private List<Double> ratios(Cell cell, TargetKind kind, boolean open, ToDoubleFunction<RunResult> figure) {
        List<RunResult> mine = runs(cell, kind, open);
        List<RunResult> base = runs(cell, baseline(), open);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(mine.size(), base.size()); i++) {
            ratios.add(figure.applyAsDouble(mine.get(i)) / figure.applyAsDouble(base.get(i)));
        }
        return ratios;
    }

    private void throughput(StringBuilder out) {
        out.append("**Throughput, closed loop**: events/s (accepted, in the timed window), median [min–max] over the "
                + "alternations; ratio to the ").append(baseline().label()).append(" of the same alternation.\n\n");
        StringBuilder header = new StringBuilder("| clients × events/POST | ").append(baseline().label()).append(" |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (TargetKind kind : options.targets().subList(1, options.targets().size())) {
            header.append(' ').append(kind.label()).append(" | ratio |");
            rule.append("---|---|");
        }
        out.append(header).append('\n').append(rule).append('\n');
        for (Cell cell : options.cells()) {
            out.append("| ").append(cell).append(" | ")
                    .append(Stats.spread(values(runs(cell, baseline(), false), RunResult::eventsPerSecond), "%,.0f"))
                    .append(" |");
            for (TargetKind kind : options.targets().subList(1, options.targets().size())) {
                out.append(' ').append(Stats.spread(values(runs(cell, kind, false), RunResult::eventsPerSecond), "%,.0f"))
                        .append(" | **").append(Stats.spread(ratios(cell, kind, false, RunResult::eventsPerSecond),
                                "%.2f")).append("** |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    private void latency(StringBuilder out) {
        out.append("**Latency at a fixed offered rate** (the same rate for every target of a cell; from the intended "
                + "send time, so a late answer also delays what follows): p50 / p99 ms, medians over the "
                + "alternations; the p99 ratio to the baseline per alternation, median [min–max].\n\n");
        StringBuilder header = new StringBuilder("| clients × events/POST | offered events/s | ").append(baseline().label())
                .append(" |");
        StringBuilder rule = new StringBuilder("|---|---|---|");
        for (TargetKind kind : options.targets().subList(1, options.targets().size())) {
            header.append(' ').append(kind.label()).append(" | p99 ratio |");
            rule.append("---|---|");
        }
        out.append(header).append('\n').append(rule).append('\n');
        for (Cell cell : options.cells()) {
            List<RunResult> base = runs(cell, baseline(), true);
            if (base.isEmpty()) {
                continue;
            }
            out.append("| ").append(cell).append(" | ").append(String.format(Locale.ROOT, "%,.0f", base.get(0).offeredRate()))
                    .append(" | ").append(percentiles(base)).append(" |");
            for (TargetKind kind : options.targets().subList(1, options.targets().size())) {
                out.append(' ').append(percentiles(runs(cell, kind, true))).append(" | **")
                        .append(Stats.spread(ratios(cell, kind, true, RunResult::p99Millis), "%.2f")).append("** |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    private static String percentiles(List<RunResult> runs) {
        return String.format(Locale.ROOT, "%.2f / %.2f", Stats.median(values(runs, RunResult::p50Millis)),
                Stats.median(values(runs, RunResult::p99Millis)));
    }

    private void cpu(StringBuilder out) {
        out.append("**CPU per accepted event** in the closed-loop windows, µs, median over the alternations, by thread "
                + "group (from `/proc/self/task`): the server's event loops (TLS, HTTP and, in the agent, validation, "
                + "identity and registration checks), the spool's committer thread, the clients (their threads, "
                + "HttpClient executors and selectors), GC, JIT, and the rest; and the process's cores in use.\n\n");
        out.append("| clients × events/POST | target | server loops | committer | clients | GC | JIT | other | cores |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Cell cell : options.cells()) {
            for (TargetKind kind : options.targets()) {
                List<RunResult> runs = runs(cell, kind, false);
                out.append("| ").append(cell).append(" | ").append(kind.label()).append(" |");
                for (String group : CpuBook.GROUPS) {
                    out.append(String.format(Locale.ROOT, " %.1f |",
                            Stats.median(values(runs, r -> r.microsPerEvent(group)))));
                }
                out.append(String.format(Locale.ROOT, " %.2f |%n",
                        Stats.median(values(runs, r -> r.cpuSeconds().get("process") / r.seconds()))));
            }
        }
        out.append('\n');
    }

    private void audit(StringBuilder out) {
        List<RunResult> unclean = results.stream().filter(r -> !r.clean()).collect(Collectors.toList());
        out.append("**Audit of every run**: ");
        if (unclean.isEmpty()) {
            out.append(String.format(Locale.ROOT, "all %d runs clean: every POST answered 204, no errors; the agent "
                    + "accepted exactly the events the clients saw acknowledged, and each is pending in the spool, "
                    + "coalesced away or deduplicated; the baseline answered exactly the POSTs counted.%n%n",
                    results.size()));
            return;
        }
        out.append(unclean.size()).append(" of ").append(results.size()).append(" runs not clean:\n\n");
        for (RunResult r : unclean) {
            out.append(String.format(Locale.ROOT, "- %s, %s%s: statuses %s, errors %d, audit: %s, first: %s%n",
                    r.kind().label(), r.cell(), r.offeredRate() > 0 ? " (fixed rate)" : "", r.otherStatuses(),
                    r.errors(), r.audit() == null ? "ok" : r.audit(), r.firstError()));
        }
        out.append('\n');
    }

    private void goals(StringBuilder out) {
        for (TargetKind kind : options.targets().subList(1, options.targets().size())) {
            long cells = options.cells().size();
            long throughputMet = options.cells().stream().filter(c -> Stats.median(ratios(c, kind, false,
                    RunResult::eventsPerSecond)) >= THROUGHPUT_GOAL).count();
            out.append(String.format(Locale.ROOT, "Goal for %s: throughput ≥ %.1f × baseline in %d of %d cells",
                    kind.label(), THROUGHPUT_GOAL, throughputMet, cells));
            if (options.openSeconds() > 0) {
                long p99Met = options.cells().stream().filter(c -> Stats.median(ratios(c, kind, true,
                        RunResult::p99Millis)) <= P99_GOAL).count();
                out.append(String.format(Locale.ROOT, "; p99 ≤ %.0f × baseline's at the same rate in %d of %d cells",
                        P99_GOAL, p99Met, cells));
            }
            out.append(".\n");
        }
    }
}

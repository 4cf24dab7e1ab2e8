package io.connectusm.benchmarks.ingest;

import io.connectusm.benchmarks.report.Stats;
import java.util.Map;

/**
 * What one run of one target in one cell measured.
 *
 * @param kind          the target
 * @param cell          clients × events per POST
 * @param offeredRate   events/s offered (open loop), 0 for a closed-loop run
 * @param seconds       the window's length
 * @param timedEvents   events in the POSTs answered 204 inside the window
 * @param latencies     their POSTs' latencies in ns, sorted
 * @param otherStatuses statuses other than 204, counted
 * @param errors        POSTs that failed without a status
 * @param firstError    the first failure or non-204 answer, or {@code null}
 * @param cpuSeconds    CPU seconds by {@link CpuBook} group in the window, and {@code process}
 * @param loadStart     the 1-minute load average when the window opened
 * @param loadEnd       and when it closed
 * @param audit         {@code null} when the target's records add up, else what does not
 * @param facts         what the target reported about itself
 */
record RunResult(TargetKind kind, Cell cell, double offeredRate, double seconds, long timedEvents, long[] latencies,
        Map<Integer, Long> otherStatuses, long errors, String firstError, Map<String, Double> cpuSeconds,
        double loadStart, double loadEnd, String audit, String facts) {

    double eventsPerSecond() {
        return timedEvents / seconds;
    }

    double p50Millis() {
        return Stats.percentile(latencies, 0.50) / 1e6;
    }

    double p99Millis() {
        return Stats.percentile(latencies, 0.99) / 1e6;
    }

    double maxMillis() {
        return latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6;
    }

    /** µs of CPU of {@code group} per event taken in the window. */
    double microsPerEvent(String group) {
        return timedEvents == 0 ? Double.NaN : cpuSeconds.getOrDefault(group, 0.0) * 1e6 / timedEvents;
    }

    boolean clean() {
        return audit == null && otherStatuses.isEmpty() && errors == 0;
    }
}

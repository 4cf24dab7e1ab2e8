package io.connectusm.benchmarks.report;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * An operation's cost in this thread's CPU time rather than wall-clock time: on cores shared with other builds, a
 * wall-clock average includes the time spent waiting for a core, CPU time does not. A warm-up, then rounds of about
 * 1 s of CPU each; the lowest and the median round. Used by the JMH classes' {@code main} methods. Not thread-safe
 * (it measures the calling thread).
 */
public final class ThreadCpu {

    private static final int ROUNDS = 7;
    private static final long ROUND_NANOS = 1_000_000_000L;
    private static final int RUNS_BETWEEN_READINGS = 16;

    private ThreadCpu() {
    }

    /**
     * @param warmupNanos CPU time spent running {@code operation} before the rounds
     * @param unitsPerRun what one run counts for (e.g. the events of a batch), to report per unit
     * @return the lowest and the median round, in CPU µs per unit
     */
    public static double[] lowestAndMedianMicros(Runnable operation, long warmupNanos, int unitsPerRun) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        round(threads, operation, warmupNanos, unitsPerRun);
        double[] rounds = new double[ROUNDS];
        for (int r = 0; r < rounds.length; r++) {
            rounds[r] = round(threads, operation, ROUND_NANOS, unitsPerRun);
        }
        Arrays.sort(rounds);
        return new double[] {rounds[0], rounds[rounds.length / 2]};
    }

    private static double round(ThreadMXBean threads, Runnable operation, long cpuNanos, int unitsPerRun) {
        long start = threads.getCurrentThreadCpuTime();
        long runs = 0;
        long now;
        do {
            for (int i = 0; i < RUNS_BETWEEN_READINGS; i++) {
                operation.run();
            }
            runs += RUNS_BETWEEN_READINGS;
            now = threads.getCurrentThreadCpuTime();
        } while (now - start < cpuNanos);
        return (now - start) / 1_000.0 / ((double) runs * unitsPerRun);
    }
}

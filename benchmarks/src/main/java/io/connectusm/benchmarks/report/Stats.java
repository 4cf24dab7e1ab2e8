package io.connectusm.benchmarks.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The summary statistics every benchmark report uses: the median and the spread (min–max) of a figure over the
 * alternations of one run, and percentiles of recorded latencies. Stateless.
 */
public final class Stats {

    private Stats() {
    }

    /** The median of {@code values} (the mean of the middle two for an even count); NaN when empty. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /**
     * {@code median [min–max]} with {@code pattern} (a {@link String#format} pattern for one number), or just the
     * median when there is one value.
     */
    public static String spread(List<Double> values, String pattern) {
        if (values.isEmpty()) {
            return "–";
        }
        String median = String.format(Locale.ROOT, pattern, median(values));
        if (values.size() == 1) {
            return median;
        }
        return median + " [" + String.format(Locale.ROOT, pattern, min(values)) + "–"
                + String.format(Locale.ROOT, pattern, max(values)) + "]";
    }

    /** The {@code quantile} (0–1) of sorted values, nearest rank; -1 when empty. */
    public static long percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)];
    }

    /** All values of several arrays, sorted. */
    public static long[] sortedUnion(List<long[]> parts) {
        int length = parts.stream().mapToInt(part -> part.length).sum();
        long[] all = new long[length];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        Arrays.sort(all);
        return all;
    }
}

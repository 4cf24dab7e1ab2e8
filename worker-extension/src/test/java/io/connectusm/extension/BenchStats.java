package io.connectusm.extension;

import java.util.List;

/** Percentiles and medians for the benchmark harnesses (nearest rank). Stateless. */
final class BenchStats {

    private BenchStats() {
    }

    /** The nearest-rank percentile {@code p} (0–100) of {@code values}; {@code NaN} when empty. */
    static double percentile(List<? extends Number> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    static double median(List<? extends Number> values) {
        return percentile(values, 50);
    }

    static double min(List<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).max().orElse(Double.NaN);
    }

    /** {@code a / b} formatted with two decimals, or "–" when either is missing. */
    static String ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
            return "–";
        }
        return String.format("%.2f", a / b);
    }
}

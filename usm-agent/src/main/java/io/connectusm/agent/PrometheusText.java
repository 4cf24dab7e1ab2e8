package io.connectusm.agent;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * The three metric shapes the agent needs (labelled counter, gauge read on scrape, histogram) and their
 * Prometheus text exposition (format 0.0.4). Written by hand rather than with the Prometheus client
 * library: a dozen metrics do not justify a dependency, and the format is a few lines.
 *
 * <p>Every type here is thread-safe; updates are lock-free.
 */
final class PrometheusText {

    private PrometheusText() {
    }

    /** Something that writes its own exposition lines. */
    interface Metric {
        void writeTo(StringBuilder out);
    }

    /** A counter, optionally with one label whose values appear as they are used. */
    static final class Counter implements Metric {
        private final String name;
        private final String help;
        private final String label;
        private final Map<String, LongAdder> values = new ConcurrentSkipListMap<>();

        Counter(String name, String help, String label, String... knownLabelValues) {
            this.name = name;
            this.help = help;
            this.label = label;
            for (String value : knownLabelValues) {
                values.put(value, new LongAdder());
            }
            if (label == null) {
                values.put("", new LongAdder());
            }
        }

        void inc() {
            add("", 1);
        }

        void inc(String labelValue) {
            add(labelValue, 1);
        }

        void add(String labelValue, long amount) {
            values.computeIfAbsent(labelValue, v -> new LongAdder()).add(amount);
        }

        long get(String labelValue) {
            LongAdder adder = values.get(labelValue);
            return adder == null ? 0 : adder.sum();
        }

        long get() {
            return get("");
        }

        @Override
        public void writeTo(StringBuilder out) {
            header(out, name, help, "counter");
            values.forEach((labelValue, value) -> out.append(name).append(labels(label, labelValue)).append(' ')
                    .append(value.sum()).append('\n'));
        }
    }

    /** A gauge whose value is read when scraped. */
    static final class Gauge implements Metric {
        private final String name;
        private final String help;
        private final DoubleSupplier value;

        Gauge(String name, String help, DoubleSupplier value) {
            this.name = name;
            this.help = help;
            this.value = value;
        }

        @Override
        public void writeTo(StringBuilder out) {
            header(out, name, help, "gauge");
            out.append(name).append(' ').append(format(value.getAsDouble())).append('\n');
        }
    }

    /** A histogram with fixed buckets (upper bounds, ascending), in seconds. */
    static final class Histogram implements Metric {
        private final String name;
        private final String help;
        private final double[] bounds;
        private final LongAdder[] buckets;
        private final LongAdder count = new LongAdder();
        private final DoubleAdder sum = new DoubleAdder();

        Histogram(String name, String help, double... bounds) {
            this.name = name;
            this.help = help;
            this.bounds = bounds.clone();
            this.buckets = new LongAdder[bounds.length];
            for (int i = 0; i < bounds.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(double value) {
            for (int i = 0; i < bounds.length; i++) {
                if (value <= bounds[i]) {
                    buckets[i].increment();
                }
            }
            count.increment();
            sum.add(value);
        }

        @Override
        public void writeTo(StringBuilder out) {
            header(out, name, help, "histogram");
            for (int i = 0; i < bounds.length; i++) {
                out.append(name).append("_bucket{le=\"").append(format(bounds[i])).append("\"} ")
                        .append(buckets[i].sum()).append('\n');
            }
            out.append(name).append("_bucket{le=\"+Inf\"} ").append(count.sum()).append('\n');
            out.append(name).append("_sum ").append(format(sum.sum())).append('\n');
            out.append(name).append("_count ").append(count.sum()).append('\n');
        }
    }

    /** Registered metrics in registration order. */
    static final class Registry {
        private final Map<String, Metric> metrics = new ConcurrentHashMap<>();
        private final List<String> order = new CopyOnWriteArrayList<>();

        <M extends Metric> M register(String name, M metric) {
            if (metrics.putIfAbsent(name, metric) != null) {
                throw new IllegalArgumentException("metric registered twice: " + name);
            }
            order.add(name);
            return metric;
        }

        String scrape() {
            StringBuilder out = new StringBuilder();
            order.forEach(name -> metrics.get(name).writeTo(out));
            return out.toString();
        }
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String labels(String label, String value) {
        if (label == null) {
            return "";
        }
        return "{" + label + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"}";
    }

    private static String format(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value) : Double.toString(value);
    }
}

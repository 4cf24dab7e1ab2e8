package io.connectusm.agent.control;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code /metrics} answer: the Prometheus text exposition (format 0.0.4) of the agent's own registry, followed
 * by the JVM's metrics ({@code jvm_*}, {@code process_*}) of the Prometheus Java client.
 *
 * <p>The JVM metrics live in one registry per process, registered once: they describe the process, not one agent
 * (a JVM may run several, as tests do), and the client's JVM collectors add listeners to the JVM that must not be
 * added per agent. Thread-safe.
 */
final class MetricsScrape {

    /** The content type of the exposition. */
    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

    private final PrometheusRegistry agent;

    MetricsScrape(PrometheusRegistry agent) {
        this.agent = agent;
    }

    /** Every metric, as the text exposition. */
    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            WRITER.write(out, agent.scrape());
            WRITER.write(out, JvmRegistry.INSTANCE.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to memory", e);
        }
        return out.toByteArray();
    }

    /** The process-wide registry of JVM metrics, created on first use. */
    private static final class JvmRegistry {
        static final PrometheusRegistry INSTANCE = new PrometheusRegistry();

        static {
            JvmMetrics.builder().register(INSTANCE);
        }
    }
}

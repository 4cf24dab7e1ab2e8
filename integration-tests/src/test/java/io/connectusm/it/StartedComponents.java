package io.connectusm.it;

import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;

/**
 * What one pipeline test started (broker, endpoint, agent, workers, receivers), stopped newest first whatever
 * fails, so a failing test leaves no process or port behind. Confined to the test's thread.
 */
final class StartedComponents {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** Stops {@code component} with the others, before those started earlier. */
    void push(AutoCloseable component) {
        started.push(component);
    }

    /** Forgets {@code component} (the test stopped it itself). */
    void remove(AutoCloseable component) {
        started.remove(component);
    }

    /** A one-broker KRaft cluster in this JVM, started, stopped with the others. */
    EmbeddedKafkaCluster broker() {
        EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, new Properties());
        kafka.start();
        started.push(kafka::stop);
        return kafka;
    }

    /** Stops everything, newest first; one component failing to stop does not keep the others running. */
    void stopAll() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                // stopping anyway: each component logs its own trouble
            }
        }
    }
}

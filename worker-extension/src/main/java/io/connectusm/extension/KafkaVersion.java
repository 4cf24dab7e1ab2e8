package io.connectusm.extension;

import org.apache.kafka.common.config.ConfigDef;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The Kafka version of the worker, from the {@code kafka/kafka-version.properties} resource of its kafka-clients
 * jar — what Kafka's own {@code AppInfoParser} reads. Not through that class: it is internal and moved in Kafka 4.4
 * ({@code org.apache.kafka.common.utils} to {@code …utils.internals}). Stateless.
 */
final class KafkaVersion {

    private static final String RESOURCE = "/kafka/kafka-version.properties";

    private KafkaVersion() {
    }

    /** The worker's Kafka version, e.g. {@code 3.9.2}, or {@code null} when the resource cannot be read. */
    static String ofWorker() {
        try (InputStream in = ConfigDef.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").trim();
            return version.isEmpty() ? null : version;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

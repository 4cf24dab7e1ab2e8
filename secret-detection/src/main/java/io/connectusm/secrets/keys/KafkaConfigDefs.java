package io.connectusm.secrets.keys;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The only class of this package that names Kafka types ({@code kafka-clients} is {@code provided}): loading it
 * fails with a {@link LinkageError} where Kafka is absent, which {@link KnownKeys} catches.
 *
 * <p>Stateless; thread-safe.
 */
public final class KafkaConfigDefs {

    private KafkaConfigDefs() {
    }

    /** Adds the names of {@code def}'s PASSWORD keys to {@code password} and of all its keys to {@code all}. */
    public static void collect(ConfigDef def, Collection<String> password, Collection<String> all) {
        def.configKeys().forEach((name, key) -> {
            all.add(name);
            if (key.type == ConfigDef.Type.PASSWORD) {
                password.add(name);
            }
        });
    }

    /**
     * Collects the keys of every client {@code ConfigDef} Kafka ships in kafka-clients: producer, consumer, admin,
     * and the SSL and SASL client definitions they embed. A definition that this Kafka version lacks is skipped.
     */
    static void collectClientKeys(Collection<String> password, Collection<String> all) {
        List<Supplier<ConfigDef>> definitions = Arrays.asList(
                ProducerConfig::configDef,
                ConsumerConfig::configDef,
                AdminClientConfig::configDef,
                () -> new ConfigDef().withClientSslSupport().withClientSaslSupport());
        for (Supplier<ConfigDef> definition : definitions) {
            try {
                collect(definition.get(), password, all);
            } catch (RuntimeException | LinkageError absentInThisVersion) {
                // an older kafka-clients without this definition: the built-in list covers its keys
            }
        }
    }
}

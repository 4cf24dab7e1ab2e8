package io.connectusm.secrets.keys;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.runtime.SinkConnectorConfig;
import org.apache.kafka.connect.runtime.SourceConnectorConfig;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The built-in key lists against the real ConfigDefs of this Kafka version. */
class KnownKeysTest {

    @Test
    void theBuiltInClientPasswordKeysAreExactlyWhatKafkaDeclares() {
        Set<String> password = new HashSet<>();
        Set<String> all = new HashSet<>();
        for (ConfigDef def : List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(),
                AdminClientConfig.configDef())) {
            KafkaConfigDefs.collect(def, password, all);
        }
        assertThat(KnownKeys.KAFKA_CLIENT_PASSWORD_KEYS).containsExactlyInAnyOrderElementsOf(password);
        assertThat(KnownKeys.passwordKeys()).containsAll(password)
                .containsAll(KnownKeys.SCHEMA_REGISTRY_AND_CONFLUENT_PASSWORD_KEYS);
        assertThat(KnownKeys.clientKeys()).containsAll(all).contains("bootstrap.servers", "acks");
    }

    @Test
    void theConnectFrameworkKeysAreEveryKeyConnectDeclaresForAConnector() {
        Set<String> declared = new HashSet<>();
        for (ConfigDef def : List.of(ConnectorConfig.configDef(), SinkConnectorConfig.configDef(),
                SourceConnectorConfig.configDef())) {
            declared.addAll(def.names());
        }
        declared.removeIf(name -> name.startsWith("topic.creation.") && !name.equals("topic.creation.groups"));
        assertThat(KnownKeys.CONNECT_FRAMEWORK_KEYS).containsAll(declared);
        assertThat(KnownKeys.isConnectFrameworkKey("transforms.route.type")).isTrue();
        assertThat(KnownKeys.isConnectFrameworkKey("transforms.route.negate")).isTrue();
        assertThat(KnownKeys.isConnectFrameworkKey("predicates.p.type")).isTrue();
        assertThat(KnownKeys.isConnectFrameworkKey("topic.creation.default.partitions")).isTrue();
        assertThat(KnownKeys.isConnectFrameworkKey("transforms.type")).isFalse();
        assertThat(KnownKeys.isConnectFrameworkKey("transforms.route.regex")).isFalse();
    }

    @Test
    void withoutKafkaOnTheClassPathTheBuiltInListStandsAlone() throws Exception {
        URL classes = Path.of(KnownKeys.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri()
                .toURL();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> isolated.loadClass(ConfigDef.class.getName()))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> known = isolated.loadClass(KnownKeys.class.getName());
            @SuppressWarnings("unchecked")
            Set<String> password = (Set<String>) known.getMethod("passwordKeys").invoke(null);
            @SuppressWarnings("unchecked")
            Set<String> client = (Set<String>) known.getMethod("clientKeys").invoke(null);
            assertThat(password).containsAll(KnownKeys.KAFKA_CLIENT_PASSWORD_KEYS)
                    .containsAll(KnownKeys.SCHEMA_REGISTRY_AND_CONFLUENT_PASSWORD_KEYS);
            assertThat(client).containsExactlyInAnyOrderElementsOf(KnownKeys.KAFKA_CLIENT_PASSWORD_KEYS);
        }
    }
}

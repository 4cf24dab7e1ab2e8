package io.connectusm.extension;

import io.connectusm.testkit.LogCapture;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.health.ConnectorHealth;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where the line is between "the worker must not start" and "the extension stays off": a bad value of one of our
 * keys fails {@code configure()} with a ConfigException naming the key; anything else that goes wrong (a Connect API
 * the worker does not implement, a class the JVM lacks) leaves the worker running with one ERROR naming what is
 * missing, and nothing started. Real workers where the extension cannot work: {@code KafkaVersionMatrixIT}.
 */
class MetadataEventsRestExtensionTest {

    @RegisterExtension
    static final MtlsReceiverFixture FIXTURE = new MtlsReceiverFixture();

    @Test
    void aClusterStateWithoutConnectorConfigLeavesTheExtensionOffAndTheWorkerRunning() throws Exception {
        ResourceConfig jersey = new ResourceConfig();
        MetadataEventsRestExtension extension = new MetadataEventsRestExtension();
        try (LogCapture logs = new LogCapture()) {
            extension.configure(workerProps());
            extension.register(context(jersey, new OnlyTheAbstractMethods()));
            extension.close();

            List<String> errors = logs.lines().stream().filter(line -> line.startsWith("ERROR")).toList();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).contains("Connector metadata events are OFF on this worker")
                    .contains("does not implement ConnectClusterState.connectorConfig(String)")
                    .contains("during register()");
        }
        assertThat(jersey.getInstances()).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith(ReconcileLoop.THREAD_NAME));
        assertThat(FIXTURE.receiver().requests()).isEmpty();
    }

    @Test
    void aMissingClassDuringConfigureLeavesTheExtensionOffInsteadOfFailingTheWorker() {
        Map<String, Object> props = new HashMap<>(workerProps());
        Map<String, Object> linkageFailure = new AbstractMap<>() {
            @Override
            public Set<Entry<String, Object>> entrySet() {
                throw new NoClassDefFoundError("org/apache/kafka/common/config/SomethingNewer");
            }
        };
        MetadataEventsRestExtension extension = new MetadataEventsRestExtension();
        try (LogCapture logs = new LogCapture()) {
            extension.configure(linkageFailure);
            extension.register(context(new ResourceConfig(), new OnlyTheAbstractMethods()));
            extension.close();

            assertThat(logs.lines()).filteredOn(line -> line.startsWith("ERROR")).singleElement().asString()
                    .contains("class org.apache.kafka.common.config.SomethingNewer is missing")
                    .contains("during configure()");
        }
        assertThat(props).isNotEmpty();
    }

    @Test
    void aBadValueOfOurOwnKeysStillFailsTheWorkersStart() {
        Map<String, Object> props = new HashMap<>(workerProps());
        props.put(MetadataEventsConfig.SSL_KEYSTORE_LOCATION_CONFIG, FIXTURE.pki().client().keystore().resolveSibling("absent.p12").toString());

        assertThatThrownBy(() -> new MetadataEventsRestExtension().configure(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(MetadataEventsConfig.SSL_KEYSTORE_LOCATION_CONFIG);
    }

    @Test
    void versionIsNeverBlank() {
        assertThat(new MetadataEventsRestExtension().version()).isNotBlank();
    }

    private static Map<String, Object> workerProps() {
        Map<String, Object> props = new HashMap<>(FIXTURE.pki().workerProps(FIXTURE.receiver().baseUrl()));
        props.put("group.id", "connect-cluster-id");
        props.put("listeners", "http://localhost:8083");
        return props;
    }

    private static ConnectRestExtensionContext context(ResourceConfig jersey, ConnectClusterState clusterState) {
        return new ConnectRestExtensionContext() {
            @Override
            public ResourceConfig configurable() {
                return jersey;
            }

            @Override
            public ConnectClusterState clusterState() {
                return clusterState;
            }
        };
    }

    /** What a worker older than Kafka 2.3 implements: the default connectorConfig and clusterDetails throw. */
    private static final class OnlyTheAbstractMethods implements ConnectClusterState {
        @Override
        public Collection<String> connectors() {
            return List.of();
        }

        @Override
        public ConnectorHealth connectorHealth(String connName) {
            throw new UnsupportedOperationException("not in this test");
        }
    }
}

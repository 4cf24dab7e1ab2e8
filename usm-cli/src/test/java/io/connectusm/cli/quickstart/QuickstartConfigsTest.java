package io.connectusm.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.agent.AgentConfig;
import io.connectusm.agent.AgentConfigLoader;
import io.connectusm.endpoint.EndpointConfig;
import kafka.server.KafkaConfig;

/** Every generated configuration is accepted by the component's own config class, and holds no password value. */
class QuickstartConfigsTest {

    @TempDir
    Path dir;

    private final QuickstartPorts ports = new QuickstartPorts(19092, 19093, 18083, 11000, 19999, 18443);

    @Test
    void brokerPropertiesAreAValidKraftCombinedNode() throws IOException {
        Properties broker = parse(QuickstartConfigs.brokerProperties(new QuickstartLayout(dir), ports));

        KafkaConfig config = KafkaConfig.fromProps(broker);

        assertThat(config.processRoles().size()).isEqualTo(2);
        assertThat(broker.getProperty("listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
        assertThat(broker.getProperty("log.dirs")).isEqualTo(dir.resolve("kafka/data").toString());
    }

    @Test
    void workerPropertiesCarryTheDocumentedBlockWithFileReferencesOnly() throws IOException {
        QuickstartLayout layout = new QuickstartLayout(dir);
        Properties worker = parse(QuickstartConfigs.workerProperties(layout, ports));

        String reference = "${file:" + dir.resolve("certs/tls-connect/jksPassword.txt") + ":jksPassword}";
        assertThat(worker).containsEntry("confluent.connect.metadata.events.enabled", "true")
                .containsEntry("confluent.connect.metadata.events.client.base.url", "https://localhost:11000")
                .containsEntry("confluent.connect.metadata.events.ssl.key.password", reference)
                .containsEntry("confluent.connect.metadata.events.ssl.keystore.password", reference)
                .containsEntry("confluent.connect.metadata.events.ssl.truststore.password", reference)
                .containsEntry("confluent.connect.metadata.events.ssl.keystore.location",
                        dir.resolve("certs/tls-connect/keystore.p12").toString())
                .containsEntry("confluent.connect.metadata.events.ssl.protocol", "TLSv1.2")
                .containsEntry("plugin.path", dir.resolve("connect/plugins").toString())
                .containsEntry("group.id", QuickstartConfigs.CONNECT_CLUSTER_ID);
        // The worker's own parser takes it (the file provider is only consulted for keys that use it).
        Map<String, String> withoutReferences = new HashMap<>();
        worker.stringPropertyNames().stream().filter(k -> !worker.getProperty(k).startsWith("${file:"))
                .forEach(k -> withoutReferences.put(k, worker.getProperty(k)));
        DistributedConfig config = new DistributedConfig(withoutReferences);
        assertThat(config.getString(DistributedConfig.GROUP_ID_CONFIG)).isEqualTo("connect-quickstart");
    }

    @Test
    void agentPropertiesAreAcceptedByAgentConfigAndReferToFilesForSecrets() {
        Map<String, String> agent = QuickstartConfigs.agentProperties(new QuickstartLayout(dir), ports, "AGENTKEY");

        AgentConfig config = AgentConfigLoader.of(agent, Map.of());

        assertThat(config.getInt(AgentConfig.DATA_PORT_CONFIG)).isEqualTo(11000);
        assertThat(config.getInt(AgentConfig.CONTROL_PORT_CONFIG)).isEqualTo(19999);
        assertThat(agent.get(AgentConfig.ENDPOINT_API_SECRET_CONFIG))
                .isEqualTo("${file:" + dir.resolve("agent-credentials.properties") + ":api.secret}");
        assertThat(agent.get(AgentConfig.SSL_KEYSTORE_PASSWORD_CONFIG)).startsWith("${file:");
    }

    @Test
    void endpointPropertiesAreAcceptedByEndpointConfig() {
        EndpointConfig config = new EndpointConfig(
                QuickstartConfigs.endpointProperties(new QuickstartLayout(dir), ports, "changeit"));

        assertThat(config.port()).isEqualTo(18443);
        assertThat(config.tlsEnabled()).isTrue();
        assertThat(config.defaultEnvironment()).isEqualTo(QuickstartConfigs.ENVIRONMENT);
        assertThat(config.dataDir()).isEqualTo(dir.resolve("endpoint"));
    }

    /** {@code --endpoint-property}: the quickstart's endpoint takes a webhook and a metrics port, not its own keys. */
    @Test
    void theEndpointTakesWebhooksAndAMetricsPortButNotTheQuickstartsOwnKeys() throws IOException {
        java.nio.file.Path secret = java.nio.file.Files.writeString(dir.resolve("oncall.secret"),
                "0123456789abcdef0123\n");
        EndpointConfig config = new EndpointConfig(QuickstartConfigs.endpointProperties(new QuickstartLayout(dir),
                ports, "changeit", Map.of("metrics.port", "19464", "webhook.oncall.url", "http://127.0.0.1:1/hook",
                        "webhook.oncall.events", "task.failed,connector.failed",
                        "webhook.oncall.secret.file", secret.toString())));

        assertThat(config.metricsPort()).isEqualTo(19464);
        assertThat(config.webhooks()).containsOnlyKeys("oncall");
        assertThat(QuickstartConfigs.ownEndpointKey(java.util.List.of("webhook.a.url", "data.dir", "port")))
                .isEqualTo("data.dir");
        assertThat(QuickstartConfigs.ownEndpointKey(java.util.List.of("metrics.port"))).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QuickstartConfigs.endpointProperties(
                new QuickstartLayout(dir), ports, "changeit", Map.of("port", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
    }

    private static Properties parse(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }
}

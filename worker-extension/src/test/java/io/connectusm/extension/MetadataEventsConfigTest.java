package io.connectusm.extension;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataEventsConfigTest {

    @TempDir
    static Path dir;
    static WorkerPki pki;

    @BeforeAll
    static void certificates() {
        pki = WorkerPki.create(dir, "connect-cluster-id");
    }

    /** The block from Confluent's USM docs, with our files in place of /mnt/sslcerts/tls-connect. */
    private static Map<String, String> documentedBlock() throws IOException {
        String block = """
                confluent.connect.metadata.events.enabled=true
                confluent.connect.metadata.events.client.base.url=https://usm-agent.connect.svc.cluster.local:10000
                confluent.connect.metadata.events.ssl.key.password=${file:/mnt/sslcerts/tls-connect/jksPassword.txt:jksPassword}
                confluent.connect.metadata.events.ssl.keystore.location=/mnt/sslcerts/tls-connect/keystore.p12
                confluent.connect.metadata.events.ssl.keystore.password=${file:/mnt/sslcerts/tls-connect/jksPassword.txt:jksPassword}
                confluent.connect.metadata.events.ssl.protocol=TLSv1.2
                confluent.connect.metadata.events.ssl.truststore.location=/mnt/sslcerts/tls-connect/truststore.p12
                confluent.connect.metadata.events.ssl.truststore.password=${file:/mnt/sslcerts/tls-connect/jksPassword.txt:jksPassword}
                """.replace("/mnt/sslcerts/tls-connect", pki.client().directory().toString());
        Properties props = new Properties();
        props.load(new java.io.StringReader(block));
        Map<String, String> raw = new HashMap<>();
        props.forEach((k, v) -> raw.put(k.toString(), v.toString()));
        raw.put("group.id", "connect-cluster-id");
        // What the worker does with config.providers=file before handing the properties to configure().
        FileConfigProvider file = new FileConfigProvider();
        file.configure(Map.of());
        Map<String, ConfigProvider> providers = Map.of("file", file);
        return new HashMap<>(new ConfigTransformer(providers).transform(raw).data());
    }

    private static String password() {
        return new String(pki.client().password());
    }

    @Test
    void acceptsTheDocumentedBlockVerbatimWithTheFileConfigProvider() throws IOException {
        Map<String, String> props = documentedBlock();
        assertThat(props.get(MetadataEventsConfig.SSL_KEYSTORE_PASSWORD_CONFIG)).isEqualTo(password());

        MetadataEventsConfig config = new MetadataEventsConfig(props);
        TlsContextFactory.Tls tls = TlsContextFactory.create(config);

        assertThat(config.enabled()).isTrue();
        assertThat(config.baseUrls()).extracting(Object::toString)
                .containsExactly("https://usm-agent.connect.svc.cluster.local:10000");
        assertThat(config.connectClusterId()).isEqualTo("connect-cluster-id");
        assertThat(tls.parameters().getProtocols()).containsExactly("TLSv1.2");
        assertThat(config.describe()).doesNotContain(password());
    }

    @Test
    void connectClusterIdOverridesGroupId() throws IOException {
        Map<String, String> props = documentedBlock();
        props.put(MetadataEventsConfig.CONNECT_CLUSTER_ID_CONFIG, "registered-id");
        assertThat(new MetadataEventsConfig(props).connectClusterId()).isEqualTo("registered-id");
    }

    @Test
    void missingKeystoreFileNamesTheKeyAndTheFile() throws IOException {
        Map<String, String> props = documentedBlock();
        props.put(MetadataEventsConfig.SSL_KEYSTORE_LOCATION_CONFIG, dir.resolve("nope.p12").toString());

        assertThatThrownBy(() -> TlsContextFactory.create(new MetadataEventsConfig(props)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(MetadataEventsConfig.SSL_KEYSTORE_LOCATION_CONFIG)
                .hasMessageContaining("nope.p12")
                .hasMessageContaining("no such file")
                .hasMessageNotContaining(password());
    }

    @Test
    void wrongKeystorePasswordNamesTheKeyButNeverThePassword() throws IOException {
        Map<String, String> props = documentedBlock();
        String wrong = "Wrong-Pa55word-" + System.nanoTime();
        props.put(MetadataEventsConfig.SSL_KEYSTORE_PASSWORD_CONFIG, wrong);

        assertThatThrownBy(() -> TlsContextFactory.create(new MetadataEventsConfig(props)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(MetadataEventsConfig.SSL_KEYSTORE_PASSWORD_CONFIG)
                .hasMessageContaining("does not open")
                .hasMessageNotContaining(wrong)
                .hasMessageNotContaining(password());
    }

    @Test
    void wrongTruststorePasswordNamesTheTruststoreKey() throws IOException {
        Map<String, String> props = documentedBlock();
        String wrong = "Other-Wrong-" + System.nanoTime();
        props.put(MetadataEventsConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG, wrong);

        assertThatThrownBy(() -> TlsContextFactory.create(new MetadataEventsConfig(props)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(MetadataEventsConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG)
                .hasMessageNotContaining(wrong);
    }

    @Test
    void malformedUrlNamesTheKeyAndTheExpectedFormat() throws IOException {
        Map<String, String> props = documentedBlock();
        props.put(MetadataEventsConfig.CLIENT_BASE_URL_CONFIG, "usm-agent:10000");

        assertThatThrownBy(() -> new MetadataEventsConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(MetadataEventsConfig.CLIENT_BASE_URL_CONFIG)
                .hasMessageContaining("usm-agent:10000")
                .hasMessageContaining("https://host:port");
    }

    @Test
    void urlWithCredentialsIsRejectedWithoutShowingThePassword() throws IOException {
        Map<String, String> props = documentedBlock();
        props.put(MetadataEventsConfig.CLIENT_BASE_URL_CONFIG, "https://user:S3cretInUrl@agent:10000");

        assertThatThrownBy(() -> new MetadataEventsConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(MetadataEventsConfig.CLIENT_BASE_URL_CONFIG)
                .hasMessageNotContaining("S3cretInUrl");
    }

    @Test
    void enabledWithoutUrlIsAnError() {
        assertThatThrownBy(() -> new MetadataEventsConfig(Map.of(MetadataEventsConfig.ENABLED_CONFIG, "true",
                "group.id", "g")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(MetadataEventsConfig.CLIENT_BASE_URL_CONFIG);
    }

    @Test
    void unknownEmitterTypeIsRejected() throws IOException {
        Map<String, String> props = documentedBlock();
        props.put(MetadataEventsConfig.EMITTER_TYPE_CONFIG, "kafka");
        assertThatThrownBy(() -> new MetadataEventsConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(MetadataEventsConfig.EMITTER_TYPE_CONFIG)
                .hasMessageContaining("cloud.events.http");
    }

    @Test
    void disabledOrAbsentExtensionStartsNothingAndTouchesNothing() {
        for (Map<String, String> props : java.util.List.of(Map.<String, String>of(),
                Map.of(MetadataEventsConfig.ENABLED_CONFIG, "false",
                        MetadataEventsConfig.CLIENT_BASE_URL_CONFIG, "https://nowhere:1"))) {
            int threadsBefore = connectUsmThreads();
            MetadataEventsRestExtension extension = new MetadataEventsRestExtension();
            extension.configure(props);
            // A context that fails if the extension touches it: disabled means no filter, no cluster state.
            extension.register(new ConnectRestExtensionContext() {
                @Override
                public jakarta.ws.rs.core.Configurable<? extends jakarta.ws.rs.core.Configurable<?>> configurable() {
                    throw new AssertionError("a disabled extension must not register anything");
                }

                @Override
                public ConnectClusterState clusterState() {
                    throw new AssertionError("a disabled extension must not read the cluster state");
                }
            });
            assertThat(connectUsmThreads()).isEqualTo(threadsBefore);
            extension.close();
        }
    }

    @Test
    void versionIsNeverBlank() {
        assertThat(new MetadataEventsRestExtension().version()).isNotBlank().doesNotContain("${");
    }

    @Test
    void docsTableMatchesTheConfigDef() throws IOException {
        Path docs = Path.of(System.getProperty("user.dir")).resolve("../docs/worker-extension.md").normalize();
        String text = Files.readString(docs);
        assertThat(text).contains(ConfigDocs.table());
    }

    private static int connectUsmThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("connect-usm")).count();
    }
}

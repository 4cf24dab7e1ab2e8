package io.connectusm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.connectusm.agent.AgentConfig;
import io.connectusm.agent.AgentConfigLoader;
import io.connectusm.agent.RunningAgent;
import io.connectusm.agent.UsmAgent;
import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.WriteMode;
import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.EndpointConfigLoader;
import io.connectusm.extension.MetadataEventsRestExtension;

/**
 * Every file of {@code config-samples/} is parsed by the project's own config classes, with real certificates in
 * place of the paths the samples name, so that no sample goes stale when a key is renamed or a rule tightened.
 */
class ConfigSamplesTest {

    private static final Path SAMPLES = Path.of(System.getProperty("repo.dir", "..")).resolve("config-samples")
            .toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path tmp;

    private Path connectTls;
    private Path agentTls;

    @BeforeEach
    void issueCertificates() {
        CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("samples CA"));
        connectTls = tmp.resolve("tls-connect");
        agentTls = tmp.resolve("agent-tls");
        LeafFiles.write(connectTls, ca.issue(LeafSpec.client("connect-group-xyz123").build()), ca, WriteMode.OVERWRITE);
        LeafFiles.write(agentTls, ca.issue(LeafSpec.server("usm-agent").dns("localhost").ip("127.0.0.1").build()), ca,
                WriteMode.OVERWRITE);
    }

    @Test
    void workerSampleIsAcceptedByTheWorkerAndTheExtension() throws Exception {
        checkWorkerProperties(Files.readString(SAMPLES.resolve("connect-worker.properties")));
    }

    @Test
    void agentSampleIsAcceptedByAgentConfig() throws Exception {
        checkAgentProperties(Files.readString(SAMPLES.resolve("usm-agent.properties")));
    }

    @Test
    void endpointSampleIsAcceptedByTheEndpointLoaderWithThePasswordFromTheEnvironment() {
        EndpointConfig config = EndpointConfigLoader.load(SAMPLES.resolve("usm-endpoint.properties"),
                Map.of("USM_ENDPOINT_SSL_KEYSTORE_PASSWORD", "from-the-environment"));

        assertThat(config.tlsEnabled()).isTrue();
        assertThat(config.port()).isEqualTo(8443);
        assertThat(config.keystorePassword().value()).isEqualTo("from-the-environment");
    }

    @Test
    void registrationsSampleIsLoadedByARealAgent() throws Exception {
        Map<String, String> values = new HashMap<>();
        values.put("data.listener.host", "127.0.0.1");
        values.put("data.listener.port", "0");
        values.put("control.listener.port", "0");
        values.put("ssl.keystore.location", agentTls.resolve("keystore.p12").toString());
        values.put("ssl.keystore.password", "${file:" + agentTls.resolve("jksPassword.txt") + ":jksPassword}");
        values.put("ssl.truststore.location", agentTls.resolve("truststore.p12").toString());
        values.put("ssl.truststore.password", "${file:" + agentTls.resolve("jksPassword.txt") + ":jksPassword}");
        values.put("spool.dir", tmp.resolve("spool").toString());
        values.put("registrations.file", SAMPLES.resolve("registrations.json").toString());
        int inSample = new ObjectMapper().readTree(SAMPLES.resolve("registrations.json").toFile()).path("data").size();

        try (RunningAgent agent = UsmAgent.start(AgentConfigLoader.of(values, Map.of()))) {
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + agent.controlPort() + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(inSample).isEqualTo(2);
            assertThat(metrics.body()).containsPattern("(?m)^usm_agent_registrations " + inSample + "(\\.0)?$");
        }
    }

    @Test
    void kubernetesAgentManifestsServeTheDataPlaneOn10000WithTheKeystoreSecret() throws Exception {
        List<JsonNode> docs = yamlDocuments(SAMPLES.resolve("kubernetes/usm-agent.yaml"));

        JsonNode service = kind(docs, "Service");
        assertThat(service.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(10000);
        JsonNode deployment = kind(docs, "Deployment");
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        assertThat(pod.path("containers").get(0).path("ports").get(0).path("containerPort").asInt()).isEqualTo(10000);
        List<String> secretVolumes = new ArrayList<>();
        pod.path("volumes").forEach(v -> secretVolumes.add(v.path("secret").path("secretName").asText()));
        List<String> secrets = new ArrayList<>();
        docs.stream().filter(d -> d.path("kind").asText().equals("Secret"))
                .forEach(d -> secrets.add(d.path("metadata").path("name").asText()));
        assertThat(secrets).contains("usm-agent-tls").allMatch(secretVolumes::contains);
        assertThat(kind(docs, "Secret").path("data").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("keystore.p12", "truststore.p12", "jksPassword.txt");
        checkAgentProperties(kind(docs, "ConfigMap").path("data").path("usm-agent.properties").asText());
    }

    @Test
    void kubernetesConnectSnippetInstallsThePluginAndMountsTheCertificatesWhereTheDocsSay() throws Exception {
        List<JsonNode> docs = yamlDocuments(SAMPLES.resolve("kubernetes/connect-worker.yaml"));

        JsonNode pod = kind(docs, "StatefulSet").path("spec").path("template").path("spec");
        assertThat(pod.path("initContainers").get(0).toString()).contains("unzip").contains("/opt/connect-plugins");
        List<String> mounts = new ArrayList<>();
        pod.path("containers").get(0).path("volumeMounts").forEach(m -> mounts.add(m.path("mountPath").asText()));
        assertThat(mounts).contains("/mnt/sslcerts/tls-connect/", "/opt/connect-plugins");
        String worker = kind(docs, "ConfigMap").path("data").path("worker.properties").asText();
        assertThat(parse(worker).getProperty("plugin.path")).isEqualTo("/opt/connect-plugins");
        checkWorkerProperties(worker);
    }

    /** The documented block, then the worker's own parser (which resolves ${file:}) and the extension's. */
    private void checkWorkerProperties(String text) throws IOException {
        Properties sample = parse(text);
        String reference = "${file:/mnt/sslcerts/tls-connect/jksPassword.txt:jksPassword}";
        assertThat(sample).containsEntry("confluent.connect.metadata.events.enabled", "true")
                .containsEntry("confluent.connect.metadata.events.ssl.key.password", reference)
                .containsEntry("confluent.connect.metadata.events.ssl.keystore.password", reference)
                .containsEntry("confluent.connect.metadata.events.ssl.truststore.password", reference)
                .containsEntry("confluent.connect.metadata.events.ssl.keystore.location",
                        "/mnt/sslcerts/tls-connect/keystore.p12")
                .containsEntry("confluent.connect.metadata.events.ssl.truststore.location",
                        "/mnt/sslcerts/tls-connect/truststore.p12")
                .containsEntry("rest.extension.classes", MetadataEventsRestExtension.class.getName());

        Map<String, String> installed = new HashMap<>();
        sample.stringPropertyNames().forEach(k -> installed.put(k,
                sample.getProperty(k).replace("/mnt/sslcerts/tls-connect/", connectTls + "/")));
        DistributedConfig worker = new DistributedConfig(installed);
        Object resolved = worker.originals().get("confluent.connect.metadata.events.ssl.keystore.password");
        assertThat(resolved).isEqualTo(new String(storePassword(connectTls)));

        MetadataEventsRestExtension extension = new MetadataEventsRestExtension();
        try {
            extension.configure(worker.originals());
        } finally {
            extension.close();
        }
    }

    private void checkAgentProperties(String text) throws IOException {
        Map<String, String> values = new HashMap<>();
        Properties sample = parse(text);
        sample.stringPropertyNames().forEach(k -> values.put(k, sample.getProperty(k)
                .replace("/etc/usm-agent/tls", agentTls.toString())));
        AgentConfig config = AgentConfigLoader.of(values, Map.of());

        assertThat(config.getInt(AgentConfig.DATA_PORT_CONFIG)).isEqualTo(10000);
        assertThat(config.getString(AgentConfig.SSL_KEYSTORE_LOCATION_CONFIG))
                .isEqualTo(agentTls.resolve("keystore.p12").toString());
        assertThat(sample.getProperty(AgentConfig.ENDPOINT_API_SECRET_CONFIG)).startsWith("${file:");
        assertThat(sample.getProperty(AgentConfig.SSL_KEYSTORE_PASSWORD_CONFIG)).startsWith("${file:");
    }

    private static char[] storePassword(Path dir) {
        return io.connectusm.certs.StorePasswordFile.read(dir.resolve("jksPassword.txt"));
    }

    private static Properties parse(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    private static List<JsonNode> yamlDocuments(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                docs.add(it.next());
            }
        }
        return docs;
    }

    private static JsonNode kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in the manifests"));
    }
}

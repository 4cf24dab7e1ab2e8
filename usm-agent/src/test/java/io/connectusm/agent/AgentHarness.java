package io.connectusm.agent;

import io.connectusm.agent.registration.Registration;
import io.connectusm.agent.registration.RegistrationsJson;
import io.connectusm.agent.ingest.AgentChannelInitializer;
import io.connectusm.certs.LeafFiles;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.MediaTypes;
import io.connectusm.testkit.TestPki;
import java.io.IOException;
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

/** A real agent in this JVM, on free loopback ports, with real certificates, and clients to talk to it. */
public final class AgentHarness implements AutoCloseable {

    final TestPki pki;
    final Path directory;
    final RunningAgent agent;

    private AgentHarness(TestPki pki, Path directory, RunningAgent agent) {
        this.pki = pki;
        this.directory = directory;
        this.agent = agent;
    }

    /** The agent's TLS keys, with passwords as {@code ${file:…}} references as a deployment would write them. */
    static Map<String, String> tlsConfig(TestPki pki) {
        String password = "${file:" + pki.server().passwordFile() + ":jksPassword}";
        return Map.of(
                AgentConfig.SSL_KEYSTORE_LOCATION_CONFIG, pki.server().keystore().toString(),
                AgentConfig.SSL_KEYSTORE_PASSWORD_CONFIG, password,
                AgentConfig.SSL_TRUSTSTORE_LOCATION_CONFIG, pki.server().truststore().toString(),
                AgentConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG, password);
    }

    /** Base config: loopback, free ports, spool and static registrations under {@code directory}. */
    static Map<String, String> baseConfig(TestPki pki, Path directory, ClusterRef... registered) throws IOException {
        Path registrations = directory.resolve("registrations.json");
        writeRegistrations(registrations, registered);
        Map<String, String> config = new HashMap<>(tlsConfig(pki));
        config.put(AgentConfig.DATA_HOST_CONFIG, "127.0.0.1");
        config.put(AgentConfig.DATA_PORT_CONFIG, "0");
        config.put(AgentConfig.CONTROL_PORT_CONFIG, "0");
        config.put(AgentConfig.SPOOL_DIR_CONFIG, directory.resolve("spool").toString());
        config.put(AgentConfig.REGISTRATIONS_FILE_CONFIG, registrations.toString());
        config.put(AgentConfig.SHUTDOWN_TIMEOUT_CONFIG, "5000");
        return config;
    }

    static AgentHarness start(TestPki pki, Path directory, Map<String, String> config) throws Exception {
        return start(pki, directory, config, AgentRuntime.system());
    }

    /** An agent with an injected clock, ticker or commit observer. */
    static AgentHarness start(TestPki pki, Path directory, Map<String, String> config, AgentRuntime runtime)
            throws Exception {
        return new AgentHarness(pki, directory, UsmAgent.start(AgentConfigLoader.of(config, Map.of()), runtime));
    }

    static void writeRegistrations(Path file, ClusterRef... clusters) throws IOException {
        List<Registration> registrations = new ArrayList<>();
        for (ClusterRef cluster : clusters) {
            registrations.add(new Registration(cluster, "usmcc-" + cluster.connectClusterId(), "usmkc-1", "env-test",
                    cluster.connectClusterId()));
        }
        Files.write(file, RegistrationsJson.write(registrations));
    }

    /** An HTTP/1.1 client presenting {@code clientFiles}' certificate and trusting its CA. */
    static HttpClient client(LeafFiles clientFiles) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(TestPki.sslContext(clientFiles)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpClient client(String connectClusterId) {
        return client(pki.client(connectClusterId));
    }

    URI eventsUri() {
        return URI.create("https://localhost:" + agent.dataPort() + AgentChannelInitializer.EVENTS_PATH);
    }

    HttpResponse<String> post(HttpClient client, byte[] body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(eventsUri()).timeout(Duration.ofSeconds(20))
                .header("Content-Type", MediaTypes.CLOUDEVENTS_BATCH_JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs a control plane path. */
    HttpResponse<String> control(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + agent.controlPort() + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of a metric line (exact series name with labels), or -1 when absent. */
    double metric(String series) throws IOException, InterruptedException {
        for (String line : control("/metrics").body().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        return -1;
    }

    /** {@link #metric(String)} for use in conditions: a failed scrape fails the test. */
    double metricNow(String series) {
        try {
            return metric(series);
        } catch (IOException e) {
            throw new AssertionError("cannot scrape /metrics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The status of a control plane GET, for use in conditions. */
    int controlStatus(String path) {
        try {
            return control(path).statusCode();
        } catch (IOException e) {
            throw new AssertionError("cannot GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        agent.close();
    }
}

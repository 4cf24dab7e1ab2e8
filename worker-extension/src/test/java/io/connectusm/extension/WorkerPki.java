package io.connectusm.extension;

import io.connectusm.certs.LeafFiles;
import io.connectusm.testkit.TestPki;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The certificates of the extension's tests, issued by testkit's {@link TestPki}: the receiver's server certificate
 * for {@code localhost}, and the client certificate of one Connect cluster (its CN is the cluster ID), with the
 * worker properties that point the extension at a receiver over mTLS. Public (in this module's test-jar) for
 * integration-tests. Thread-safe once created.
 */
public final class WorkerPki {

    private final TestPki pki;
    private final LeafFiles client;

    private WorkerPki(TestPki pki, LeafFiles client) {
        this.pki = pki;
        this.client = client;
    }

    /** A new CA under {@code dir}, its server certificate, and a client certificate for {@code connectClusterId}. */
    public static WorkerPki create(Path dir, String connectClusterId) {
        TestPki pki = TestPki.create(dir);
        return new WorkerPki(pki, pki.client(connectClusterId));
    }

    /** The worker's client certificate, key and trust stores (with {@code jksPassword.txt}). */
    public LeafFiles client() {
        return client;
    }

    /** The server certificate, key and trust stores (for an agent or endpoint the test runs). */
    public LeafFiles server() {
        return pki.server();
    }

    /** The TLS context of a receiver standing in for the agent. */
    public SSLContext serverContext() {
        return pki.serverSslContext();
    }

    /**
     * {@link #workerProps} plus what an {@code EmbeddedConnectCluster} worker of Connect cluster {@code groupId}
     * needs to run the extension: {@code rest.extension.classes}, {@code plugin.discovery=service_load},
     * {@code group.id}. A mutable copy, for the test's own settings.
     */
    public Map<String, String> embeddedWorkerProps(String baseUrl, String groupId) {
        Map<String, String> props = workerProps(baseUrl);
        props.put("rest.extension.classes", MetadataEventsRestExtension.class.getName());
        props.put("plugin.discovery", "service_load");
        props.put("group.id", groupId);
        return props;
    }

    /** The worker properties that point the extension at {@code baseUrl} with the client certificate. */
    public Map<String, String> workerProps(String baseUrl) {
        String password = new String(client.password());
        Map<String, String> props = new HashMap<>();
        props.put(MetadataEventsConfig.ENABLED_CONFIG, "true");
        props.put(MetadataEventsConfig.CLIENT_BASE_URL_CONFIG, baseUrl);
        props.put(MetadataEventsConfig.SSL_PROTOCOL_CONFIG, "TLSv1.2");
        props.put(MetadataEventsConfig.SSL_KEYSTORE_LOCATION_CONFIG, client.keystore().toString());
        props.put(MetadataEventsConfig.SSL_KEYSTORE_PASSWORD_CONFIG, password);
        props.put(MetadataEventsConfig.SSL_KEY_PASSWORD_CONFIG, password);
        props.put(MetadataEventsConfig.SSL_TRUSTSTORE_LOCATION_CONFIG, client.truststore().toString());
        props.put(MetadataEventsConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG, password);
        return props;
    }
}

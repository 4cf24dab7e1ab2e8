package io.connectusm.extension;

import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.TlsContexts;
import io.connectusm.certs.WriteMode;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;

/**
 * Real certificates for tests, made by certs-tooling: one CA, a server certificate for localhost (the
 * receiver) and a client certificate for the Connect cluster (the worker). Public (in this module's test-jar) for
 * integration-tests.
 */
public record TestPki(LeafFiles server, LeafFiles client) {

    public static TestPki create(Path dir, String connectClusterId) {
        CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("test CA"));
        LeafFiles server = LeafFiles.write(dir.resolve("server"),
                ca.issue(LeafSpec.server("localhost").dns("localhost").ip("127.0.0.1").build()), ca,
                WriteMode.FAIL_IF_EXISTS);
        LeafFiles client = LeafFiles.write(dir.resolve("client"),
                ca.issue(LeafSpec.client(connectClusterId).build()), ca, WriteMode.FAIL_IF_EXISTS);
        return new TestPki(server, client);
    }

    public SSLContext serverContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(TlsContexts.keyManagers(server.keystore(), server.password()),
                    TlsContexts.trustManagers(server.truststore(), server.password()), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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

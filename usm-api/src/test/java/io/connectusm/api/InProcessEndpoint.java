package io.connectusm.api;

import java.nio.file.Path;
import java.util.Map;

import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.WriteMode;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.UsmEndpoint;

/**
 * The real endpoint started in this JVM for client tests: HTTPS on loopback (an ephemeral port) with a server
 * certificate from a fresh test CA, its database file under {@code dir}, an admin key. Shared with the CLI's tests
 * through this module's test jar. Close it to stop the endpoint.
 */
public final class InProcessEndpoint implements AutoCloseable {

    /** The environment registrations land in when they name none. */
    public static final String DEFAULT_ENVIRONMENT = "env-stgcqqd737";

    private final UsmEndpoint endpoint;
    private final Path caPem;
    private final ApiKeyCredentials admin;

    private InProcessEndpoint(UsmEndpoint endpoint, Path caPem, ApiKeyCredentials admin) {
        this.endpoint = endpoint;
        this.caPem = caPem;
        this.admin = admin;
    }

    /** Starts one; {@code dir} receives the certificates and the database. */
    public static InProcessEndpoint start(Path dir) throws InterruptedException {
        CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("usm-api test CA"));
        LeafFiles leaf = LeafFiles.write(dir.resolve("server"),
                ca.issue(LeafSpec.server("localhost").dns("localhost").ip("127.0.0.1").build()), ca,
                WriteMode.FAIL_IF_EXISTS);
        UsmEndpoint endpoint = UsmEndpoint.start(new EndpointConfig(Map.of(
                EndpointConfig.PORT_CONFIG, "0",
                EndpointConfig.DATA_DIR_CONFIG, dir.resolve("data").toString(),
                EndpointConfig.SSL_KEYSTORE_LOCATION_CONFIG, leaf.keystore().toString(),
                EndpointConfig.SSL_KEYSTORE_PASSWORD_CONFIG, new String(leaf.password()),
                EndpointConfig.DEFAULT_ENVIRONMENT_CONFIG, DEFAULT_ENVIRONMENT)));
        return new InProcessEndpoint(endpoint, leaf.caPem(), endpoint.apiKeys().create(ApiRole.ADMIN, "tests"));
    }

    /** e.g. {@code https://localhost:41234} */
    public String url() {
        return endpoint.baseUrl();
    }

    /** The PEM of the CA that signed the endpoint's certificate. */
    public Path caPem() {
        return caPem;
    }

    public ApiKeyCredentials admin() {
        return admin;
    }

    /** A new key of {@code role}. */
    public ApiKeyCredentials newKey(ApiRole role) {
        return endpoint.apiKeys().create(role, "test");
    }

    /** A client of this endpoint as the admin, trusting its CA. */
    public UsmApiClient adminClient() {
        return UsmApiClient.builder(url()).basicAuth(admin.key(), admin.secret()).trust(TlsTrust.pemFile(caPem))
                .build();
    }

    @Override
    public void close() {
        endpoint.close();
    }
}

package io.connectusm.cli.login;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.WriteMode;
import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.UsmEndpoint;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiRole;

/**
 * A real endpoint started in-process for CLI tests: HTTPS on loopback with a certificate from a fresh test CA,
 * a database file in a temporary directory, and an admin key. Tests pass {@link #caPem()} as {@code --ca-cert}.
 */
public final class TestUsmEndpoint implements AutoCloseable {

    private final UsmEndpoint endpoint;
    private final Path caPem;
    private final ApiKeyCredentials admin;

    private TestUsmEndpoint(UsmEndpoint endpoint, Path caPem, ApiKeyCredentials admin) {
        this.endpoint = endpoint;
        this.caPem = caPem;
        this.admin = admin;
    }

    public static TestUsmEndpoint start(Path dir) throws InterruptedException {
        CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("cli test CA"));
        LeafFiles leaf = LeafFiles.write(dir.resolve("server"),
                ca.issue(LeafSpec.server("localhost").dns("localhost").ip("127.0.0.1").build()), ca,
                WriteMode.FAIL_IF_EXISTS);
        UsmEndpoint endpoint = UsmEndpoint.start(new EndpointConfig(Map.of(
                EndpointConfig.PORT_CONFIG, "0",
                EndpointConfig.DATA_DIR_CONFIG, dir.resolve("data").toString(),
                EndpointConfig.SSL_KEYSTORE_LOCATION_CONFIG, leaf.keystore().toString(),
                EndpointConfig.SSL_KEYSTORE_PASSWORD_CONFIG, new String(leaf.password()),
                EndpointConfig.DEFAULT_ENVIRONMENT_CONFIG, "env-stgcqqd737")));
        return new TestUsmEndpoint(endpoint, leaf.caPem(), endpoint.apiKeys().create(ApiRole.ADMIN, "cli tests"));
    }

    public String url() {
        return endpoint.baseUrl();
    }

    public Path caPem() {
        return caPem;
    }

    public ApiKeyCredentials admin() {
        return admin;
    }

    public ApiKeyCredentials newKey(ApiRole role) {
        return endpoint.apiKeys().create(role, "test");
    }

    /** The connection flags for a command line: --url, --api-key, --api-secret, --ca-cert, and no login file. */
    public String[] connectionArgs(Path noLoginFile) {
        return new String[] {"--url", url(), "--api-key", admin.key(), "--api-secret", admin.secret(),
                "--ca-cert", caPem.toString(), "--usm-config", noLoginFile.toString()};
    }

    /** {@code command} followed by {@link #connectionArgs(Path)}: a full command line against this endpoint. */
    public String[] withConnectionArgs(Path noLoginFile, String... command) {
        return Stream.concat(Arrays.stream(command), Arrays.stream(connectionArgs(noLoginFile)))
                .toArray(String[]::new);
    }

    @Override
    public void close() {
        endpoint.close();
    }
}

package io.connectusm.cli.login;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import io.connectusm.api.InProcessEndpoint;
import io.connectusm.api.UsmApiClient;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiRole;

/**
 * A real endpoint started in-process for CLI tests (usm-api's {@link InProcessEndpoint}: HTTPS on loopback with a
 * certificate from a fresh test CA, a database file in a temporary directory, an admin key), with the command-line
 * flags that reach it. Tests pass {@link #caPem()} as {@code --ca-cert}.
 */
public final class TestUsmEndpoint implements AutoCloseable {

    private final InProcessEndpoint endpoint;

    private TestUsmEndpoint(InProcessEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    public static TestUsmEndpoint start(Path dir) throws InterruptedException {
        return new TestUsmEndpoint(InProcessEndpoint.start(dir));
    }

    public String url() {
        return endpoint.url();
    }

    public Path caPem() {
        return endpoint.caPem();
    }

    public ApiKeyCredentials admin() {
        return endpoint.admin();
    }

    public ApiKeyCredentials newKey(ApiRole role) {
        return endpoint.newKey(role);
    }

    /** An admin client, for what a test sets up through the API rather than the CLI (events, say). */
    public UsmApiClient client() {
        return endpoint.adminClient();
    }

    /** The connection flags for a command line: --url, --api-key, --api-secret, --ca-cert, and no login file. */
    public String[] connectionArgs(Path noLoginFile) {
        return new String[] {"--url", url(), "--api-key", admin().key(), "--api-secret", admin().secret(),
                "--ca-cert", caPem().toString(), "--usm-config", noLoginFile.toString()};
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

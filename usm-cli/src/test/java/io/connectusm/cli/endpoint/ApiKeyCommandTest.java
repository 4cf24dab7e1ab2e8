package io.connectusm.cli.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.cli.kafka.KafkaCommand;
import io.connectusm.cli.login.TestUsmEndpoint;
import io.connectusm.cli.output.CliRun;
import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.UsmEndpoint;
import io.connectusm.endpoint.auth.ApiKeys;

class ApiKeyCommandTest {

    @TempDir
    Path dir;

    @Test
    void bootstrapsAnAdminKeyThatARestartedEndpointAccepts() throws Exception {
        Path config = dir.resolve("endpoint.properties");
        Files.writeString(config, "data.dir=" + dir.resolve("data") + "\nport=0\n");

        CliRun created = CliRun.run(new EndpointCommand(), null, "api-key", "create", "--role", "admin",
                "--description", "bootstrap", "--config", config.toString(), "-o", "json");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String key = created.out().replaceAll("(?s).*\"api_key\": \"([A-Z0-9]+)\".*", "$1");
        String secret = created.out().replaceAll("(?s).*\"api_secret\": \"([^\"]+)\".*", "$1");

        CliRun listed = CliRun.run(new EndpointCommand(), null, "api-key", "list", "--data-dir",
                dir.resolve("data").toString());
        assertThat(listed.out()).contains(key).contains("admin").contains("bootstrap").doesNotContain(secret);

        try (UsmEndpoint endpoint = UsmEndpoint.start(new EndpointConfig(Map.of(
                EndpointConfig.DATA_DIR_CONFIG, dir.resolve("data").toString(), EndpointConfig.PORT_CONFIG, "0")))) {
            CliRun list = CliRun.run(new KafkaCommand(), null, "list", "--environment", "env-boot", "--url",
                    endpoint.baseUrl(), "--api-key", key, "--api-secret", secret, "--usm-config",
                    dir.resolve("none").toString());
            assertThat(list.exitCode()).as(list.err()).isZero();

        }

        CliRun deleted = CliRun.run(new EndpointCommand(), null, "api-key", "delete", key, "--data-dir",
                dir.resolve("data").toString());
        CliRun again = CliRun.run(new EndpointCommand(), null, "api-key", "delete", key, "--data-dir",
                dir.resolve("data").toString());
        assertThat(deleted.out()).isEqualTo("Deleted API key \"" + key + "\".\n");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("Error: API key \"" + key + "\" not found\n");
    }

    @Test
    void humanOutputShowsTheSecretOnceInABox() {
        CliRun created = CliRun.run(new EndpointCommand(), null, "api-key", "create", "--role", "agent",
                "--data-dir", dir.resolve("data").toString());

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).startsWith("Save the API key and secret. The secret is not retrievable later.\n+---")
                .containsPattern("\\| API Key    \\| [A-Z0-9]{16} +\\|")
                .containsPattern("\\| API Secret \\| [A-Za-z0-9+/]{64} \\|")
                .contains("| Role       | agent ");
    }

    @Test
    void managesKeysThroughTheRunningEndpointWithTheUsualConnection() throws Exception {
        try (TestUsmEndpoint endpoint = TestUsmEndpoint.start(dir.resolve("running"))) {
            String[] connection = endpoint.connectionArgs(dir.resolve("no-login"));

            CliRun created = CliRun.run(new EndpointCommand(), null, concat(new String[] {"api-key", "create", "--role",
                    "admin", "--description", "second admin", "-o", "json"}, connection));
            assertThat(created.exitCode()).as(created.err()).isZero();
            String key = created.out().replaceAll("(?s).*\"api_key\": \"([A-Z0-9]+)\".*", "$1");
            String secret = created.out().replaceAll("(?s).*\"api_secret\": \"([^\"]+)\".*", "$1");
            CliRun listed = CliRun.run(new EndpointCommand(), null, concat(new String[] {"api-key", "list"}, connection));
            CliRun withNewKey = CliRun.run(new KafkaCommand(), null, "list", "--environment", "env-boot", "--url",
                    endpoint.url(), "--api-key", key, "--api-secret", secret, "--ca-cert", endpoint.caPem().toString(),
                    "--usm-config", dir.resolve("no-login").toString());
            CliRun deletedOld = CliRun.run(new EndpointCommand(), null, concat(new String[] {"api-key", "delete",
                    endpoint.admin().key()}, connection));
            CliRun oldGone = CliRun.run(new EndpointCommand(), null, concat(new String[] {"api-key", "list"}, connection));

            assertThat(listed.exitCode()).as(listed.err()).isZero();
            assertThat(listed.out()).contains(key).contains("second admin").contains(endpoint.admin().key())
                    .doesNotContain(secret).doesNotContain(endpoint.admin().secret());
            assertThat(withNewKey.exitCode()).as(withNewKey.err()).isZero();
            assertThat(deletedOld.out()).isEqualTo("Deleted API key \"" + endpoint.admin().key() + "\".\n");
            assertThat(oldGone.exitCode()).isEqualTo(1);
            assertThat(oldGone.err()).isEqualTo("Error: authentication failed: check the API key and secret\n");
        }
    }

    @Test
    void theEndpointRefusesToDeleteItsLastAdminKey() throws Exception {
        try (TestUsmEndpoint endpoint = TestUsmEndpoint.start(dir.resolve("running"))) {
            CliRun deleted = CliRun.run(new EndpointCommand(), null, concat(new String[] {"api-key", "delete",
                    endpoint.admin().key()}, endpoint.connectionArgs(dir.resolve("no-login"))));

            assertThat(deleted.exitCode()).isEqualTo(1);
            assertThat(deleted.err()).isEqualTo("Error: API key \"" + endpoint.admin().key() + "\" is the last admin "
                    + "key; create another admin key first\n");
        }
    }

    @Test
    void aBadRoleIsRefused() {
        CliRun created = CliRun.run(new EndpointCommand(), null, "api-key", "create", "--role", "root",
                "--data-dir", dir.resolve("data").toString());

        assertThat(created.exitCode()).isEqualTo(1);
        assertThat(created.err()).isEqualTo("Error: role must be one of admin, agent, viewer; got: root\n");
    }

    @Test
    void createsAViewerKeyAndAScopedAgentKey() throws Exception {
        try (TestUsmEndpoint endpoint = TestUsmEndpoint.start(dir.resolve("running"))) {
            CliRun viewer = CliRun.run(new EndpointCommand(), null, concat(new String[] {"api-key", "create", "--role",
                    "viewer", "--description", "read only"}, endpoint.connectionArgs(dir.resolve("no-login"))));
            assertThat(viewer.exitCode()).as(viewer.err()).isZero();
            assertThat(viewer.out()).contains("| Role       | viewer ");
        }
        String data = dir.resolve("data").toString();
        CliRun scoped = CliRun.run(new EndpointCommand(), null, "api-key", "create", "--role", "agent",
                "--environment", "env-prod", "--connect-cluster", "connect-a", "--connect-cluster", "connect-b",
                "--data-dir", data, "-o", "json");
        CliRun badScope = CliRun.run(new EndpointCommand(), null, "api-key", "create", "--role", "viewer",
                "--environment", "env-prod", "--data-dir", data);
        CliRun clustersOnly = CliRun.run(new EndpointCommand(), null, "api-key", "create", "--role", "agent",
                "--connect-cluster", "connect-a", "--data-dir", data);

        assertThat(scoped.exitCode()).as(scoped.err()).isZero();
        String key = scoped.out().replaceAll("(?s).*\"api_key\": \"([A-Z0-9]+)\".*", "$1");
        try (ApiKeys keys = UsmEndpoint.openApiKeys(new EndpointConfig(Map.of(EndpointConfig.DATA_DIR_CONFIG, data)))) {
            assertThat(keys.info(key)).hasValueSatisfying(info -> assertThat(info.scope().describe())
                    .isEqualTo("environment env-prod, Connect clusters [connect-a, connect-b]"));
        }
        assertThat(badScope.exitCode()).isEqualTo(1);
        assertThat(badScope.err()).isEqualTo("Error: only agent keys can be scoped to an environment\n");
        assertThat(clustersOnly.exitCode()).isEqualTo(1);
        assertThat(clustersOnly.err()).isEqualTo("Error: --connect-cluster needs --environment\n");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package io.connectusm.cli.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.cli.kafka.KafkaCommand;
import io.connectusm.cli.output.CliRun;
import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.UsmEndpoint;

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
    void aBadRoleIsRefused() {
        CliRun created = CliRun.run(new EndpointCommand(), null, "api-key", "create", "--role", "root",
                "--data-dir", dir.resolve("data").toString());

        assertThat(created.exitCode()).isEqualTo(1);
        assertThat(created.err()).isEqualTo("Error: role must be one of admin, agent; got: root\n");
    }
}

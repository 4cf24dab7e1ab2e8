package io.connectusm.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointConfigTest {

    @TempDir
    Path dir;

    @Test
    void environmentVariablesOverrideTheFile() throws Exception {
        Path file = dir.resolve("endpoint.properties");
        Files.writeString(file, "port=9000\ndata.dir=/from/file\ndefault.environment=env-file\n");

        EndpointConfig config = EndpointConfigLoader.load(file,
                Map.of("USM_ENDPOINT_PORT", "9100", "USM_ENDPOINT_DEFAULT_ENVIRONMENT", "env-fromenv", "UNRELATED", "x"));

        assertThat(config.port()).isEqualTo(9100);
        assertThat(config.dataDir()).isEqualTo(Path.of("/from/file"));
        assertThat(config.defaultEnvironment()).isEqualTo("env-fromenv");
        assertThat(EndpointConfigLoader.envName("request.max.bytes")).isEqualTo("USM_ENDPOINT_REQUEST_MAX_BYTES");
    }

    @Test
    void plainHttpIsRefusedOffLoopback() {
        assertThatThrownBy(() -> new EndpointConfig(Map.of(EndpointConfig.BIND_ADDRESS_CONFIG, "0.0.0.0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bind.address")
                .hasMessageContaining("ssl.keystore.location");
        assertThat(new EndpointConfig(Map.of(EndpointConfig.BIND_ADDRESS_CONFIG, "::1")).tlsEnabled()).isFalse();
    }

    @Test
    void badValuesNameTheKeyAndTheExpectedFormat() {
        assertThatThrownBy(() -> new EndpointConfig(Map.of(EndpointConfig.DEFAULT_ENVIRONMENT_CONFIG, "prod")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("default.environment")
                .hasMessageContaining("env- followed by");
        assertThatThrownBy(() -> new EndpointConfig(Map.of(EndpointConfig.PORT_CONFIG, "70000")))
                .hasMessageContaining("port");
    }

    @Test
    void keystorePasswordNeverPrints() {
        EndpointConfig config = new EndpointConfig(Map.of(EndpointConfig.SSL_KEYSTORE_LOCATION_CONFIG, "/x.p12",
                EndpointConfig.SSL_KEYSTORE_PASSWORD_CONFIG, "s3cr3t-pw"));

        assertThat(config.keystorePassword().toString()).doesNotContain("s3cr3t-pw");
        assertThat(config.values().toString()).doesNotContain("s3cr3t-pw");
        assertThatThrownBy(() -> new EndpointConfig(Map.of(EndpointConfig.SSL_KEYSTORE_LOCATION_CONFIG, "/x.p12")))
                .hasMessageContaining("ssl.keystore.password");
    }
}

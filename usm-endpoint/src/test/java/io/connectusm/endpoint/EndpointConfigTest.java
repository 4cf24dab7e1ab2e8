package io.connectusm.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.endpoint.store.DatabaseSettings;

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

    @Test
    void theDatabasePasswordComesFromAFileOrAVariableNeverFromTheFileInClear() throws Exception {
        Path secrets = dir.resolve("db-password.properties");
        Files.writeString(secrets, "password=pg-from-file-7781\n");
        Path file = dir.resolve("endpoint.properties");
        String url = "database.url=jdbc:postgresql://db.example.com:5432/usm\ndatabase.user=usm_app\n";

        Files.writeString(file, url + "database.password=${file:" + secrets + ":password}\n");
        DatabaseSettings fromFile = EndpointConfigLoader.load(file, Map.of()).databaseSettings();
        Files.writeString(file, url + "database.password=${env:PGPASS}\n");
        DatabaseSettings fromEnv = EndpointConfigLoader.load(file, Map.of("PGPASS", "pg-from-env-1234"))
                .databaseSettings();
        Files.writeString(file, url);
        DatabaseSettings fromOverride = EndpointConfigLoader.load(file,
                Map.of("USM_ENDPOINT_DATABASE_PASSWORD", "pg-override-999")).databaseSettings();

        assertThat(fromFile.url()).isEqualTo("jdbc:postgresql://db.example.com:5432/usm");
        assertThat(fromFile.user()).isEqualTo("usm_app");
        assertThat(fromFile.embedded()).isFalse();
        assertThat(passwordOf(fromFile)).isEqualTo("pg-from-file-7781");
        assertThat(passwordOf(fromEnv)).isEqualTo("pg-from-env-1234");
        assertThat(passwordOf(fromOverride)).isEqualTo("pg-override-999");
        assertThat(fromFile + " " + fromEnv + " " + fromOverride).doesNotContain("pg-from").doesNotContain("999");

        Files.writeString(file, url + "database.password=pg-in-clear-4321\n");
        assertThatThrownBy(() -> EndpointConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("database.password")
                .hasMessageContaining("${file:PATH:KEY} or ${env:NAME}")
                .hasMessageNotContaining("pg-in-clear-4321");
        Files.writeString(file, url + "database.password=${env:NOT_SET_ANYWHERE}\n");
        assertThatThrownBy(() -> EndpointConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("environment variable NOT_SET_ANYWHERE").hasMessageContaining("is not set");
    }

    @Test
    void theDefaultDatabaseIsTheH2FileUnderTheDataDirectory() {
        DatabaseSettings settings = new EndpointConfig(Map.of(EndpointConfig.DATA_DIR_CONFIG, dir.toString()))
                .databaseSettings();

        assertThat(settings.embedded()).isTrue();
        assertThat(settings.url()).startsWith("jdbc:h2:file:" + dir.toAbsolutePath().resolve("usm-endpoint"));
    }

    @Test
    void databaseUrlsOfOtherKindsOrWithAPasswordAndBadPublicUrlsAreRefused() {
        assertThatThrownBy(() -> new EndpointConfig(Map.of(EndpointConfig.DATABASE_URL_CONFIG, "jdbc:mysql://db/usm")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("database.url");
        assertThatThrownBy(() -> new EndpointConfig(Map.of(EndpointConfig.DATABASE_URL_CONFIG,
                "jdbc:postgresql://db/usm?user=u&password=hunter2")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must not hold a password")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> new EndpointConfig(Map.of(EndpointConfig.PUBLIC_URL_CONFIG,
                "https://usm.example.com/path?x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("public.url");
        assertThat(new EndpointConfig(Map.of(EndpointConfig.PUBLIC_URL_CONFIG, "https://usm.example.com:8443"))
                .publicUrl()).isEqualTo("https://usm.example.com:8443");
    }

    private static String passwordOf(DatabaseSettings settings) throws Exception {
        java.lang.reflect.Method password = DatabaseSettings.class.getDeclaredMethod("password");
        password.setAccessible(true);
        return (String) password.invoke(settings);
    }
}

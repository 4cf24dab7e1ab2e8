package io.connectusm.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String SECRET = "n0t-for-any-log";

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader("USM_TEST_", List.of("data.listener.port", "spool.dir",
            "api.secret", "max-in.flight"), List.of("api.secret"));

    @Test
    void namesEnvironmentVariablesByOneRule() {
        assertThat(ConfigLoader.envName("USM_AGENT_", "limits.max.body.bytes")).isEqualTo("USM_AGENT_LIMITS_MAX_BODY_BYTES");
        assertThat(ConfigLoader.envName("USM_ENDPOINT_", "ssl.keystore.location"))
                .isEqualTo("USM_ENDPOINT_SSL_KEYSTORE_LOCATION");
        assertThat(loader.envName("max-in.flight")).isEqualTo("USM_TEST_MAX_IN_FLIGHT");
    }

    @Test
    void theEnvironmentOverridesTheFileAndOverridesWinOverBoth() throws Exception {
        Path file = dir.resolve("c.properties");
        Files.writeString(file, "data.listener.port = 1111   \nspool.dir=/from/file\nundeclared=${env:NOT_SET}\n");
        Map<String, String> values = loader.load(file, Map.of("USM_TEST_DATA_LISTENER_PORT", "2222",
                "USM_TEST_SPOOL_DIR", "/from/env", "USM_TEST_UNDECLARED", "ignored"), Map.of("spool.dir", "/from/flag"));
        assertThat(values).containsEntry("data.listener.port", "2222").containsEntry("spool.dir", "/from/flag")
                .containsEntry("undeclared", "${env:NOT_SET}").doesNotContainKey("USM_TEST_UNDECLARED");
        assertThat(ConfigLoader.readProperties(file)).containsEntry("data.listener.port", "1111");
    }

    @Test
    void resolvesReferencesOfPlainKeysAndKeepsSecretsAsWritten() throws Exception {
        Path passwords = dir.resolve("jksPassword.txt");
        Files.writeString(passwords, "jksPassword=" + SECRET + "\n");
        Map<String, String> values = loader.load(Map.of("spool.dir", "${env:DATA}",
                "api.secret", "${file:" + passwords + ":jksPassword}"), Map.of("DATA", "/var/lib/usm"), Map.of());
        assertThat(values).containsEntry("spool.dir", "/var/lib/usm")
                .containsEntry("api.secret", "${file:" + passwords + ":jksPassword}");
        assertThat(values.toString()).doesNotContain(SECRET);
    }

    @Test
    void aBrokenReferenceNamesTheKey() {
        assertThatThrownBy(() -> loader.load(Map.of("spool.dir", "${env:NOT_SET}"), Map.of(), Map.of()))
                .isInstanceOf(ConfigReferenceException.class).hasMessageContaining("spool.dir")
                .hasMessageContaining("NOT_SET")
                .satisfies(e -> assertThat(((ConfigReferenceException) e).key()).isEqualTo("spool.dir"));
    }

    @Test
    void refusesASecretKeyThatIsNotDeclared() {
        assertThatThrownBy(() -> new ConfigLoader("X_", List.of("a"), List.of("b")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

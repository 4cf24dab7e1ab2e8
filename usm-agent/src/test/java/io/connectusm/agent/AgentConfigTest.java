package io.connectusm.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectusm.agent.ingest.DataPlaneSettings;
import io.connectusm.agent.ingest.IdentityMode;
import io.connectusm.support.ConfigReferenceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {

    private static final String SECRET = "pa55-word-never-shown";
    private static final Path DOC = Path.of("..", "docs", "usm-agent.md");
    private static final String TABLE_START = "<!-- config-table:start (generated from AgentConfig; AgentConfigTest checks it) -->";
    private static final String TABLE_END = "<!-- config-table:end -->";

    @TempDir
    Path dir;

    private static Map<String, String> minimal() {
        Map<String, String> values = new HashMap<>();
        values.put(AgentConfig.SSL_KEYSTORE_LOCATION_CONFIG, "/etc/usm/keystore.p12");
        values.put(AgentConfig.SSL_KEYSTORE_PASSWORD_CONFIG, SECRET);
        values.put(AgentConfig.SSL_TRUSTSTORE_LOCATION_CONFIG, "/etc/usm/truststore.p12");
        values.put(AgentConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG, SECRET);
        return values;
    }

    @Test
    void defaultsAreThoseOfTheIssue() {
        AgentConfig config = AgentConfigLoader.of(minimal(), Map.of());
        DataPlaneSettings data = config.dataPlane();
        assertThat(data.host()).isEqualTo("0.0.0.0");
        assertThat(data.port()).isEqualTo(10000);
        assertThat(config.getString(AgentConfig.CONTROL_HOST_CONFIG)).isEqualTo("127.0.0.1");
        assertThat(config.getInt(AgentConfig.CONTROL_PORT_CONFIG)).isEqualTo(9999);
        assertThat(config.tls().clientAuthRequired()).isTrue();
        assertThat(data.identityMode()).isEqualTo(IdentityMode.CLUSTER);
        assertThat(data.maxEventsPerBatch()).isEqualTo(io.connectusm.events.EventLimits.MAX_EVENTS_PER_BATCH);
        assertThat(config.tls().reloadInterval()).isLessThanOrEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(config.endpointClient()).isNull();
    }

    @Test
    void environmentVariablesOverrideTheFile() throws Exception {
        Path file = dir.resolve("agent.properties");
        StringBuilder properties = new StringBuilder("data.listener.port=1111\n");
        minimal().forEach((k, v) -> properties.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, properties);
        AgentConfig config = AgentConfigLoader.load(file, Map.of("USM_AGENT_DATA_LISTENER_PORT", "12345",
                "USM_AGENT_SPOOL_DIR", "/var/lib/usm"));
        assertThat(config.dataPlane().port()).isEqualTo(12345);
        assertThat(config.spool().directory()).isEqualTo(Path.of("/var/lib/usm"));
        assertThat(AgentConfigLoader.envName("limits.max.body.bytes")).isEqualTo("USM_AGENT_LIMITS_MAX_BODY_BYTES");
    }

    @Test
    void containerNeedsNoFile() {
        Map<String, String> env = new HashMap<>();
        minimal().forEach((k, v) -> env.put(AgentConfigLoader.envName(k), v));
        assertThat(AgentConfigLoader.of(Map.of(), env).tls().keystore()).isEqualTo(Path.of("/etc/usm/keystore.p12"));
    }

    @Test
    void resolvesSecretReferencesAtUseAndNeverShowsThem() throws Exception {
        Path passwordFile = dir.resolve("jksPassword.txt");
        Files.writeString(passwordFile, "jksPassword=" + SECRET + "\n");
        Map<String, String> values = minimal();
        values.put(AgentConfig.SSL_KEYSTORE_PASSWORD_CONFIG, "${file:" + passwordFile + ":jksPassword}");
        values.put(AgentConfig.API_KEY_CONFIG, "worker");
        values.put(AgentConfig.API_SECRET_CONFIG, "${env:WORKER_SECRET}");
        AgentConfig config = AgentConfigLoader.of(values, Map.of("WORKER_SECRET", SECRET + "-env"));
        assertThat(new String(config.tls().keystorePassword().reveal())).isEqualTo(SECRET);
        assertThat(new String(config.dataPlane().basicAuth().secret().reveal())).isEqualTo(SECRET + "-env");
        // Rotated password files are read again at the next use.
        Files.writeString(passwordFile, "jksPassword=rotated\n", StandardCharsets.UTF_8);
        assertThat(new String(config.tls().keystorePassword().reveal())).isEqualTo("rotated");
        for (String shown : new String[] {config.toString(), config.values().toString(), config.tls().toString(),
                config.dataPlane().toString()}) {
            assertThat(shown).doesNotContain(SECRET);
        }
    }

    @Test
    void aMissingReferenceNamesTheKeyNotAValue() {
        Map<String, String> values = minimal();
        values.put(AgentConfig.SSL_KEYSTORE_PASSWORD_CONFIG, "${env:NOT_SET}");
        AgentConfig config = AgentConfigLoader.of(values, Map.of());
        assertThatThrownBy(() -> config.tls().keystorePassword().reveal()).isInstanceOf(ConfigReferenceException.class)
                .hasMessageContaining(AgentConfig.SSL_KEYSTORE_PASSWORD_CONFIG).hasMessageContaining("NOT_SET");
    }

    @Test
    void badValuesNameTheKeyAndTheExpectedFormat() {
        assertThatThrownBy(() -> AgentConfigLoader.of(with(AgentConfig.SSL_CLIENT_AUTH_CONFIG, "maybe"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AgentConfig.SSL_CLIENT_AUTH_CONFIG)
                .hasMessageContaining("required, none");
        assertThatThrownBy(() -> AgentConfigLoader.of(with(AgentConfig.ENDPOINT_URL_CONFIG, "ftp://usm"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("https://host");
        assertThatThrownBy(() -> AgentConfigLoader.of(with(AgentConfig.DATA_PORT_CONFIG, "70000"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AgentConfig.DATA_PORT_CONFIG);
        assertThatThrownBy(() -> AgentConfigLoader.of(with(AgentConfig.SSL_CLIENT_AUTH_CONFIG, "none"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AgentConfig.IDENTITY_MODE_CONFIG);
        assertThatThrownBy(() -> AgentConfigLoader.of(with(AgentConfig.ENDPOINT_URL_CONFIG, "https://usm.example"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AgentConfig.ENDPOINT_ENVIRONMENT_CONFIG);
        Map<String, String> missing = minimal();
        missing.remove(AgentConfig.SSL_KEYSTORE_LOCATION_CONFIG);
        assertThatThrownBy(() -> AgentConfigLoader.of(missing, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining(AgentConfig.SSL_KEYSTORE_LOCATION_CONFIG);
    }

    @Test
    void theDocsTableIsTheConfigDef() throws Exception {
        String expected = AgentConfigDocs.markdownTable();
        Files.writeString(Path.of("target", "usm-agent-config-table.md"), expected);
        String doc = Files.readString(DOC);
        int start = doc.indexOf(TABLE_START);
        int end = doc.indexOf(TABLE_END);
        assertThat(start).as("docs/usm-agent.md has the table markers").isNotNegative();
        assertThat(doc.substring(start + TABLE_START.length(), end).strip())
                .as("docs/usm-agent.md config table; regenerate it from target/usm-agent-config-table.md")
                .isEqualTo(expected.strip());
        for (String key : AgentConfig.CONFIG_DEF.names()) {
            assertThat(doc).contains("`" + key + "`");
        }
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> values = minimal();
        values.put(key, value);
        return values;
    }
}

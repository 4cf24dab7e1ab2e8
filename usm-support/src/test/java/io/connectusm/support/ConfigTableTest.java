package io.connectusm.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTableTest {

    private static final List<ConfigTable.Key> KEYS = List.of(
            ConfigTable.Key.required("ssl.keystore.location", "string", "non-empty string", "high", "The keystore."),
            ConfigTable.Key.optional("agent.id", "string", "", null, "low", "Empty: the host name."),
            ConfigTable.Key.optional("api.key", "string", null, null, "medium", "Basic auth user."),
            ConfigTable.Key.optional("mode", "string", "a|b", "[a|b, c]", "low", "Two\nlines | and a pipe."));

    @Test
    void rendersEveryKindOfDefaultAndEscapesCells() {
        assertThat(ConfigTable.of(KEYS).withEnvironmentVariables("USM_AGENT_").markdown()).isEqualTo("""
                | key | environment variable | type | default | valid values | description |
                |---|---|---|---|---|---|
                | `ssl.keystore.location` | `USM_AGENT_SSL_KEYSTORE_LOCATION` | string | (required) | non-empty string | The keystore. |
                | `agent.id` | `USM_AGENT_AGENT_ID` | string | (empty) |  | Empty: the host name. |
                | `api.key` | `USM_AGENT_API_KEY` | string | (unset) |  | Basic auth user. |
                | `mode` | `USM_AGENT_MODE` | string | `a\\|b` | [a\\|b, c] | Two lines \\| and a pipe. |
                """);
    }

    @Test
    void theOptionalColumnsComeAndGo() {
        String withImportance = ConfigTable.of(KEYS.subList(0, 1)).withImportance().markdown();
        assertThat(withImportance).isEqualTo("""
                | key | type | default | valid values | importance | description |
                |---|---|---|---|---|---|
                | `ssl.keystore.location` | string | (required) | non-empty string | high | The keystore. |
                """);
        for (String row : ConfigTable.of(KEYS).withImportance().withEnvironmentVariables("X_").markdown().split("\n")) {
            assertThat(row.replace("\\|", "").chars().filter(c -> c == '|')).as(row).hasSize(8);
        }
    }
}

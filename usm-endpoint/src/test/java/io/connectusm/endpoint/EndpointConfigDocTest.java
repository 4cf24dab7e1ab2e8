package io.connectusm.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/** docs/usm-endpoint.md names every key with the default the code has, so the two cannot drift. */
class EndpointConfigDocTest {

    @Test
    void theConfigurationTableMatchesConfigDef() throws Exception {
        String doc = Files.readString(Path.of("../docs/usm-endpoint.md"));

        for (ConfigDef.ConfigKey key : EndpointConfig.CONFIG_DEF.configKeys().values()) {
            String defaultText = key.defaultValue == null || "".equals(key.defaultValue) ? "(" : "`" + key.defaultValue + "`";
            assertThat(doc).as(key.name).containsPattern("\\| `" + java.util.regex.Pattern.quote(key.name) + "` \\| "
                    + java.util.regex.Pattern.quote(defaultText));
        }
    }
}

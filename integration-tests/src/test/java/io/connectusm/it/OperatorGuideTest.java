package io.connectusm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

import io.connectusm.agent.AgentConfigDocs;
import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.EndpointConfigLoader;

/**
 * The "Every configuration key" section of {@code docs/operator-guide.md} is generated from the components'
 * {@code ConfigDef}s, so it cannot drift from the code: this test fails when they disagree and, run with
 * {@code -Ddocs.update=true}, rewrites the section.
 */
class OperatorGuideTest {

    private static final Path GUIDE = Path.of(System.getProperty("repo.dir", "..")).resolve("docs/operator-guide.md")
            .toAbsolutePath().normalize();
    private static final String BEGIN = "<!-- BEGIN GENERATED CONFIG TABLES -->\n";
    private static final String END = "<!-- END GENERATED CONFIG TABLES -->";

    @Test
    void configTablesMatchTheConfigDefs() throws Exception {
        String guide = Files.readString(GUIDE);
        int begin = guide.indexOf(BEGIN);
        int end = guide.indexOf(END);
        assertThat(begin).as("markers in " + GUIDE).isNotNegative();
        String expected = generated();
        String actual = guide.substring(begin + BEGIN.length(), end);
        if (Boolean.getBoolean("docs.update") && !actual.equals(expected)) {
            Files.writeString(GUIDE, guide.substring(0, begin + BEGIN.length()) + expected + guide.substring(end));
            actual = expected;
        }
        assertThat(actual).as("docs/operator-guide.md is stale: run this test with -Ddocs.update=true")
                .isEqualTo(expected);
    }

    static String generated() throws Exception {
        return "\n### Connect worker (`confluent.connect.metadata.events.*`, in every worker's properties)\n\n"
                + workerExtensionTable()
                + "\n### usm-agent (`usm agent start --config FILE`; each key also as an environment variable)\n\n"
                + AgentConfigDocs.markdownTable()
                + "\n### usm-endpoint (`usm endpoint start --config FILE`; each key also as an environment "
                + "variable)\n\n"
                + endpointTable() + "\n";
    }

    /** The extension's own table (its config class is internal to the plugin; its doc generator is the API). */
    private static String workerExtensionTable() throws Exception {
        Method table = Class.forName("io.connectusm.extension.ConfigDocs").getDeclaredMethod("table");
        table.setAccessible(true);
        String text = (String) table.invoke(null);
        return text.endsWith("\n") ? text : text + "\n";
    }

    private static String endpointTable() {
        StringBuilder out = new StringBuilder(
                "| key | environment variable | type | default | valid values | description |\n|---|---|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : EndpointConfig.CONFIG_DEF.configKeys().values()) {
            String defaultValue = !key.hasDefault() ? "(required)" : key.defaultValue == null ? "(unset)"
                    : ConfigDef.convertToString(key.defaultValue, key.type).isEmpty() ? "(empty)"
                    : "`" + ConfigDef.convertToString(key.defaultValue, key.type) + "`";
            out.append("| `").append(key.name).append("` | `").append(EndpointConfigLoader.envName(key.name))
                    .append("` | ").append(key.type.name().toLowerCase(Locale.ROOT)).append(" | ").append(defaultValue)
                    .append(" | ").append(key.validator == null ? "" : key.validator.toString().replace("|", "\\|"))
                    .append(" | ").append(key.documentation.replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }
}

package io.connectusm.extension;

import org.apache.kafka.common.config.ConfigDef;

import java.util.Locale;

/**
 * Renders {@link MetadataEventsConfig#CONFIG_DEF} as the Markdown table of {@code docs/worker-extension.md},
 * so the documented keys, defaults and accepted values cannot drift from the code (a test compares them).
 * Run {@code main} to print it. Stateless.
 */
final class ConfigDocs {

    private ConfigDocs() {
    }

    static String table() {
        StringBuilder out = new StringBuilder();
        out.append("| Key | Type | Default | Valid values | Importance | Description |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : MetadataEventsConfig.CONFIG_DEF.configKeys().values()) {
            out.append("| `").append(key.name).append("` | ")
                    .append(key.type.name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(defaultOf(key)).append(" | ")
                    .append(key.validator == null ? "" : escape(key.validator.toString())).append(" | ")
                    .append(key.importance.name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(escape(key.documentation)).append(" |\n");
        }
        return out.toString();
    }

    private static String defaultOf(ConfigDef.ConfigKey key) {
        if (key.defaultValue == null) {
            return "null";
        }
        String value = ConfigDef.convertToString(key.defaultValue, key.type);
        return value.isEmpty() ? "\"\"" : "`" + value + "`";
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    public static void main(String[] args) {
        System.out.print(table());
    }
}

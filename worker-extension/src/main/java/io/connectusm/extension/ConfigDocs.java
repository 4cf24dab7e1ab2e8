package io.connectusm.extension;

import io.connectusm.support.ConfigTable;
import org.apache.kafka.common.config.ConfigDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders {@link MetadataEventsConfig#CONFIG_DEF} as the Markdown table of {@code docs/worker-extension.md} with
 * {@link ConfigTable} (the one table format of every component), so the documented keys, defaults and accepted
 * values cannot drift from the code (a test compares them). Run {@code main} to print it. Stateless.
 */
final class ConfigDocs {

    private ConfigDocs() {
    }

    static String table() {
        List<ConfigTable.Key> keys = new ArrayList<>();
        for (ConfigDef.ConfigKey key : MetadataEventsConfig.CONFIG_DEF.configKeys().values()) {
            String type = key.type.name().toLowerCase(Locale.ROOT);
            String valid = key.validator == null ? "" : key.validator.toString();
            String importance = key.importance.name().toLowerCase(Locale.ROOT);
            keys.add(key.hasDefault()
                    ? ConfigTable.Key.optional(key.name, type, key.defaultValue == null ? null
                            : ConfigDef.convertToString(key.defaultValue, key.type), valid, importance, key.documentation)
                    : ConfigTable.Key.required(key.name, type, valid, importance, key.documentation));
        }
        return ConfigTable.of(keys).withImportance().markdown();
    }

    public static void main(String[] args) {
        System.out.print(table());
    }
}

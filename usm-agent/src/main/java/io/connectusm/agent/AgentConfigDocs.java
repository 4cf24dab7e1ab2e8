package io.connectusm.agent;

import io.connectusm.support.ConfigTable;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The Markdown table of every agent key (name, environment variable, type, default, valid values, doc) that
 * {@code docs/usm-agent.md} and the operator guide carry, rendered by usm-support's {@link ConfigTable} from
 * {@link AgentConfig#CONFIG_DEF}; tests keep the docs equal to it. The mapping from a Kafka {@code ConfigKey}
 * lives here, not in usm-support, which stays free of Kafka classes (it is shaded into the worker plugin).
 * Stateless.
 */
public final class AgentConfigDocs {

    private AgentConfigDocs() {
    }

    /** The table, one row per key in declaration order. */
    public static String markdownTable() {
        return ConfigTable.of(AgentConfig.CONFIG_DEF.configKeys().values().stream().map(AgentConfigDocs::row)
                .collect(Collectors.toList())).withEnvironmentVariables(AgentConfigLoader.ENV_PREFIX).markdown();
    }

    private static ConfigTable.Key row(ConfigDef.ConfigKey key) {
        String type = key.type.name().toLowerCase(Locale.ROOT);
        String valid = key.validator == null ? "" : key.validator.toString();
        String importance = key.importance.name().toLowerCase(Locale.ROOT);
        if (!key.hasDefault()) {
            return ConfigTable.Key.required(key.name, type, valid, importance, key.documentation);
        }
        return ConfigTable.Key.optional(key.name, type,
                key.defaultValue == null ? null : ConfigDef.convertToString(key.defaultValue, key.type), valid,
                importance, key.documentation);
    }
}

package io.connectusm.secrets;

import io.connectusm.secrets.keys.KafkaConfigDefs;
import org.apache.kafka.common.config.ConfigDef;

import java.util.ArrayList;
import java.util.List;

/**
 * Adds a Kafka {@link ConfigDef} to {@link DeclaredKeys}: its PASSWORD keys and all its keys, under a prefix.
 * The only API class that names a Kafka type (kafka-clients is provided by the worker).
 *
 * <p>Stateless; thread-safe.
 */
public final class ConfigDefKeys {

    private ConfigDefKeys() {
    }

    /**
     * Adds {@code def}'s keys under {@code prefix} ({@code ""} for the connector class, {@code transforms.<alias>.}
     * for a transform …) and returns {@code builder}.
     */
    public static DeclaredKeys.Builder addTo(DeclaredKeys.Builder builder, String prefix, ConfigDef def) {
        List<String> password = new ArrayList<>();
        List<String> all = new ArrayList<>();
        KafkaConfigDefs.collect(def, password, all);
        return builder.passwordKeys(prefix, password).declaredKeys(prefix, all);
    }
}

package io.connectusm.extension.masking;

import io.connectusm.secrets.ConfigDefKeys;
import io.connectusm.secrets.DeclaredKeys;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys that the loaded {@code ConfigDef}s declare for one connector config, with their prefixes: the connector
 * class's ({@code ""}), each transform's ({@code transforms.<alias>.} by {@code transforms.<alias>.type}), each
 * predicate's ({@code predicates.<alias>.}) and each converter's ({@code key.converter.}, {@code value.converter.},
 * {@code header.converter.} by the connector's own converter class or, when it names none, the worker's default,
 * whose settings those keys then are). The Kafka clients' keys under any prefix (overrides, MirrorMaker's
 * {@code source.cluster.} …, Schema Registry keys of converters) need nothing loaded: {@link DeclaredKeys} knows them.
 *
 * <p>Configs of the same plugins share one result: cached by the list of (prefix, class) pairs, at most
 * {@value #MAX_CACHED_SIGNATURES}. Thread-safe.
 */
final class DeclaredKeysResolver {

    static final int MAX_CACHED_SIGNATURES = 512;

    private static final List<String> CONVERTER_KEYS = List.of("key.converter", "value.converter", "header.converter");
    /** The worker's default when its properties name no header converter ({@code WorkerConfig}). */
    private static final String DEFAULT_HEADER_CONVERTER = "org.apache.kafka.connect.storage.SimpleHeaderConverter";

    private final PluginConfigDefs definitions;
    private final Map<String, String> workerConverters;
    private final Map<List<String>, DeclaredKeys> bySignature = Collections.synchronizedMap(
            new LinkedHashMap<List<String>, DeclaredKeys>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<String>, DeclaredKeys> eldest) {
                    return size() > MAX_CACHED_SIGNATURES;
                }
            });

    /**
     * @param definitions      the plugin definitions, loaded through the worker's plugin class loader
     * @param workerProperties the worker's properties, for its default converters
     */
    DeclaredKeysResolver(PluginConfigDefs definitions, Map<String, ?> workerProperties) {
        this.definitions = definitions;
        Map<String, String> converters = new HashMap<>();
        converters.put("header.converter", DEFAULT_HEADER_CONVERTER);
        for (String key : CONVERTER_KEYS) {
            Object value = workerProperties.get(key);
            if (value != null) {
                converters.put(key, value instanceof Class<?> ? ((Class<?>) value).getName() : value.toString());
            }
        }
        this.workerConverters = Map.copyOf(converters);
    }

    /** What the plugins that {@code config} names declare. */
    DeclaredKeys declaredKeys(Map<String, String> config) {
        List<String> signature = new ArrayList<>();
        add(signature, "", config.get("connector.class"));
        for (String alias : aliases(config.get("transforms"))) {
            String prefix = "transforms." + alias + ".";
            add(signature, prefix, config.get(prefix + "type"));
        }
        for (String alias : aliases(config.get("predicates"))) {
            String prefix = "predicates." + alias + ".";
            add(signature, prefix, config.get(prefix + "type"));
        }
        for (String converterKey : CONVERTER_KEYS) {
            String own = config.get(converterKey);
            add(signature, converterKey + ".", own != null && !own.isBlank() ? own : workerConverters.get(converterKey));
        }
        return bySignature.computeIfAbsent(List.copyOf(signature), this::resolve);
    }

    private DeclaredKeys resolve(List<String> signature) {
        DeclaredKeys.Builder builder = DeclaredKeys.builder();
        for (int i = 0; i < signature.size(); i += 2) {
            String prefix = signature.get(i);
            definitions.of(signature.get(i + 1)).ifPresent(def -> ConfigDefKeys.addTo(builder, prefix, def));
        }
        return builder.build();
    }

    private static void add(List<String> signature, String prefix, String className) {
        if (className != null && !className.isBlank()) {
            signature.add(prefix);
            signature.add(className.trim());
        }
    }

    private static List<String> aliases(String list) {
        List<String> aliases = new ArrayList<>();
        if (list != null) {
            for (String alias : list.split(",")) {
                if (!alias.isBlank()) {
                    aliases.add(alias.trim());
                }
            }
        }
        return aliases;
    }
}

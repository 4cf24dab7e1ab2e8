package io.connectusm.extension;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the keys of a connector config whose declared type is {@link ConfigDef.Type#PASSWORD}: those of the
 * connector class, of each {@code transforms.<alias>.*} and {@code predicates.<alias>.*} by its class, of
 * {@code key|value|header.converter.*} by the converter class, and of {@code producer|consumer|admin.override.*}
 * by the Kafka client {@code ConfigDef}s.
 *
 * <p>Plugin classes are loaded through the worker's class loader captured in {@code register()} (aliases
 * resolve there) and instantiated once, to call their {@code config()}; the resulting definitions are cached by
 * class name. Each plugin type is asked through its own interface, not through {@code ConnectPlugin}, which only
 * Kafka 4.3+ has. A class that cannot be loaded contributes nothing: the name patterns then stand alone.
 *
 * <p>Thread-safe (the cache is synchronized); lives as long as the extension.
 */
final class PasswordKeyResolver {

    private static final Logger log = LoggerFactory.getLogger(PasswordKeyResolver.class);

    /** Bounds the cache when configs name many distinct (possibly bogus) classes. */
    private static final int MAX_CACHED_CLASSES = 512;

    private static final Map<String, ConfigDef> CLIENT_OVERRIDES = Map.of(
            "producer.override.", ProducerConfig.configDef(),
            "consumer.override.", ConsumerConfig.configDef(),
            "admin.override.", AdminClientConfig.configDef());

    private static final List<String> CONVERTER_KEYS = List.of("key.converter", "value.converter", "header.converter");

    private final ClassLoader loader;
    private final Map<String, String> workerConverters;
    private final Map<String, Optional<Set<String>>> passwordKeysByClass =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<Set<String>>> eldest) {
                    return size() > MAX_CACHED_CLASSES;
                }
            });

    /**
     * @param loader           the worker's plugin class loader
     * @param workerProperties the worker's properties: a connector without its own {@code key.converter} (etc.)
     *                         uses the worker's, and its {@code key.converter.*} keys configure that one
     */
    PasswordKeyResolver(ClassLoader loader, Map<String, ?> workerProperties) {
        this.loader = loader;
        Map<String, String> converters = new java.util.HashMap<>();
        for (String key : CONVERTER_KEYS) {
            Object value = workerProperties.get(key);
            if (value != null) {
                converters.put(key, value instanceof Class<?> ? ((Class<?>) value).getName() : value.toString());
            }
        }
        this.workerConverters = Map.copyOf(converters);
    }

    /** The keys of {@code config} that are PASSWORD-typed in a definition that governs them. */
    Set<String> passwordKeys(Map<String, String> config) {
        Set<String> found = new HashSet<>();
        addPrefixed(found, config, "", config.get("connector.class"));
        for (String alias : aliases(config.get("transforms"))) {
            String prefix = "transforms." + alias + ".";
            addPrefixed(found, config, prefix, config.get(prefix + "type"));
        }
        for (String alias : aliases(config.get("predicates"))) {
            String prefix = "predicates." + alias + ".";
            addPrefixed(found, config, prefix, config.get(prefix + "type"));
        }
        for (String converterKey : CONVERTER_KEYS) {
            addPrefixed(found, config, converterKey + ".",
                    config.getOrDefault(converterKey, workerConverters.get(converterKey)));
        }
        for (Map.Entry<String, ConfigDef> override : CLIENT_OVERRIDES.entrySet()) {
            Set<String> clientKeys = passwordKeysOf(override.getValue());
            for (String key : config.keySet()) {
                if (key.startsWith(override.getKey())
                        && clientKeys.contains(key.substring(override.getKey().length()))) {
                    found.add(key);
                }
            }
        }
        return found;
    }

    private void addPrefixed(Set<String> found, Map<String, String> config, String prefix, String className) {
        if (className == null || className.isBlank()) {
            return;
        }
        Optional<Set<String>> keys = passwordKeysByClass.computeIfAbsent(className.trim(), this::load);
        keys.ifPresent(names -> names.stream()
                .map(name -> prefix + name)
                .filter(config::containsKey)
                .forEach(found::add));
    }

    private Optional<Set<String>> load(String className) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try {
            Class<?> cls = loader.loadClass(className);
            if (!isPlugin(cls)) {
                log.debug("{} is not a Connect plugin; masking its keys by name only", className);
                return Optional.empty();
            }
            // Plugins expect their own loader as the context loader, as the worker sets it.
            Thread.currentThread().setContextClassLoader(cls.getClassLoader());
            ConfigDef def = configOf(cls.getDeclaredConstructor().newInstance());
            return Optional.of(def == null ? Set.of() : passwordKeysOf(def));
        } catch (Exception | LinkageError e) {
            log.info("Cannot load plugin class {} ({}); masking its keys by name only", className,
                    e.getClass().getSimpleName());
            return Optional.empty();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static boolean isPlugin(Class<?> cls) {
        return Connector.class.isAssignableFrom(cls) || Transformation.class.isAssignableFrom(cls)
                || Predicate.class.isAssignableFrom(cls) || Converter.class.isAssignableFrom(cls)
                || HeaderConverter.class.isAssignableFrom(cls);
    }

    private static ConfigDef configOf(Object plugin) {
        if (plugin instanceof Connector) {
            return ((Connector) plugin).config();
        }
        if (plugin instanceof Transformation) {
            return ((Transformation<?>) plugin).config();
        }
        if (plugin instanceof Predicate) {
            return ((Predicate<?>) plugin).config();
        }
        if (plugin instanceof Converter) {
            return ((Converter) plugin).config();
        }
        return ((HeaderConverter) plugin).config();
    }

    private static Set<String> passwordKeysOf(ConfigDef def) {
        Set<String> names = new HashSet<>();
        def.configKeys().forEach((name, key) -> {
            if (key.type == ConfigDef.Type.PASSWORD) {
                names.add(name);
            }
        });
        return Set.copyOf(names);
    }

    private static List<String> aliases(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(java.util.stream.Collectors.toList());
    }
}

package io.connectusm.extension.masking;

import io.connectusm.secrets.TextScrubber;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code ConfigDef} of a Connect plugin class (connector, transform, predicate, converter, header converter),
 * by class name or alias. Classes are loaded through the worker's plugin class loader captured in
 * {@code register()}, so aliases such as {@code FileStreamSource} and classes of every plugin directory resolve as
 * the worker resolves them, and instantiated once to call {@code config()} (plugin constructors do no I/O). Each
 * plugin type is asked through its own interface, not through {@code ConnectPlugin}, which only Kafka 4.3+ has.
 *
 * <p>A class that cannot be loaded or asked contributes nothing (logged once at INFO, with the name only): the
 * name, pattern and value layers then stand alone. Results are cached by class name (at most
 * {@value #MAX_CACHED_CLASSES}, least recently used dropped). Thread-safe.
 */
final class PluginConfigDefs {

    private static final Logger log = LoggerFactory.getLogger(PluginConfigDefs.class);

    /** Bounds the cache when configs name many distinct (possibly bogus) classes. */
    static final int MAX_CACHED_CLASSES = 512;

    private final ClassLoader loader;
    private final Map<String, Optional<ConfigDef>> byClass = Collections.synchronizedMap(
            new LinkedHashMap<String, Optional<ConfigDef>>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<ConfigDef>> eldest) {
                    return size() > MAX_CACHED_CLASSES;
                }
            });

    PluginConfigDefs(ClassLoader loader) {
        this.loader = loader;
    }

    /** The definition of {@code className}, or empty when it cannot be loaded or is no Connect plugin. */
    Optional<ConfigDef> of(String className) {
        return byClass.computeIfAbsent(className.trim(), this::load);
    }

    private Optional<ConfigDef> load(String className) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try {
            // loadClass, not Class.forName: the worker's loader resolves aliases to a class of another name.
            Class<?> cls = loader.loadClass(className);
            if (!isPlugin(cls)) {
                log.debug("{} is not a Connect plugin: its keys are masked without its ConfigDef", shown(className));
                return Optional.empty();
            }
            // Plugins expect their own loader as the context loader, as the worker sets it.
            Thread.currentThread().setContextClassLoader(cls.getClassLoader());
            return Optional.ofNullable(configOf(cls.getDeclaredConstructor().newInstance()));
        } catch (Exception | LinkageError e) {
            log.info("Cannot load plugin class {} ({}): its keys are masked without its ConfigDef", shown(className),
                    e.getClass().getSimpleName());
            return Optional.empty();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** A class name as configured, for a log line: scrubbed in case someone pasted a credential there. */
    private static String shown(String className) {
        return TextScrubber.standard().scrub(className);
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
}

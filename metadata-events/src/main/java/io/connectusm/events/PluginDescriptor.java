package io.connectusm.events;

import java.util.Objects;

/**
 * One plugin installed on a worker, as Connect's {@code /connector-plugins} describes it. Immutable and
 * thread-safe.
 *
 * @param className the plugin class, not empty
 * @param type      {@code source}, {@code sink}, {@code transformation}, {@code predicate}, {@code converter}, …;
 *                  not empty
 * @param version   the plugin's version, or {@code null} when it reports none
 */
public record PluginDescriptor(String className, String type, String version) {

    public PluginDescriptor {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(type, "type");
        if (className.isEmpty() || type.isEmpty()) {
            throw new IllegalArgumentException("a plugin's className and type must not be empty");
        }
    }
}

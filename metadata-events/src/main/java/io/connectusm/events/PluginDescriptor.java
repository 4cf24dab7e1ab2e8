package io.connectusm.events;

import java.util.Objects;

/**
 * One plugin installed on a worker, as Connect's {@code /connector-plugins} describes it. A value class
 * (equal when all three fields are equal). Immutable and thread-safe.
 */
public final class PluginDescriptor {

    private final String className;
    private final String type;
    private final String version;

    /**
     * @param className the plugin class, not empty
     * @param type      {@code source}, {@code sink}, {@code transformation}, {@code predicate}, {@code converter}, …;
     *                  not empty
     * @param version   the plugin's version, or {@code null} when it reports none
     */
    public PluginDescriptor(String className, String type, String version) {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(type, "type");
        if (className.isEmpty() || type.isEmpty()) {
            throw new IllegalArgumentException("a plugin's className and type must not be empty");
        }
        this.className = className;
        this.type = type;
        this.version = version;
    }

    public String className() {
        return className;
    }

    public String type() {
        return type;
    }

    /** The plugin's version, or {@code null}. */
    public String version() {
        return version;
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (!(other instanceof PluginDescriptor)) {
            return false;
        }
        PluginDescriptor that = (PluginDescriptor) other;
        return className.equals(that.className) && type.equals(that.type) && Objects.equals(version, that.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(className, type, version);
    }

    @Override
    public String toString() {
        return "PluginDescriptor[className=" + className + ", type=" + type + ", version=" + version + "]";
    }
}

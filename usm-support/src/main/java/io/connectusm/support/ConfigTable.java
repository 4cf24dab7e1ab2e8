package io.connectusm.support;

import java.util.List;
import java.util.Objects;

/**
 * The Markdown table of a component's configuration keys that its docs carry, rendered from a plain description
 * of each key (a component maps its {@code ConfigDef} to {@link Key}s in a few lines), so that every component's
 * table has one format and a test can compare it with the docs:
 *
 * <pre>
 * | key | environment variable | type | default | valid values | importance | description |
 * </pre>
 *
 * The environment variable column (named by {@link ConfigLoader#envName}) and the importance column are
 * optional. A default reads {@code (required)} for a key without one, {@code (unset)} for a {@code null} default,
 * {@code (empty)} for an empty string, else the value in backticks; {@code |} is escaped and line breaks become
 * spaces, so a cell never breaks the table.
 *
 * <p>Immutable and thread-safe; the {@code with…} methods return a new table.
 */
public final class ConfigTable {

    /** One configuration key as the table shows it. Immutable. */
    public static final class Key {
        private final String name;
        private final String type;
        private final boolean required;
        private final String defaultValue;
        private final String validValues;
        private final String importance;
        private final String documentation;

        private Key(String name, String type, boolean required, String defaultValue, String validValues,
                String importance, String documentation) {
            this.name = Objects.requireNonNull(name, "name");
            this.type = Objects.requireNonNull(type, "type");
            this.required = required;
            this.defaultValue = defaultValue;
            this.validValues = validValues == null ? "" : validValues;
            this.importance = importance == null ? "" : importance;
            this.documentation = documentation == null ? "" : documentation;
        }

        /** A key that must be set (it has no default). */
        public static Key required(String name, String type, String validValues, String importance,
                String documentation) {
            return new Key(name, type, true, null, validValues, importance, documentation);
        }

        /**
         * A key with a default.
         *
         * @param defaultValue the default as the config would print it, or {@code null} when it defaults to unset
         */
        public static Key optional(String name, String type, String defaultValue, String validValues,
                String importance, String documentation) {
            return new Key(name, type, false, defaultValue, validValues, importance, documentation);
        }

        /** The key's name. */
        public String name() {
            return name;
        }
    }

    private final List<Key> keys;
    private final String envPrefix;
    private final boolean importance;

    private ConfigTable(List<Key> keys, String envPrefix, boolean importance) {
        this.keys = List.copyOf(keys);
        this.envPrefix = envPrefix;
        this.importance = importance;
    }

    /** A table of {@code keys}, in this order, without the optional columns. */
    public static ConfigTable of(List<Key> keys) {
        return new ConfigTable(keys, null, false);
    }

    /** This table with the environment variable column, named by {@link ConfigLoader#envName} with {@code prefix}. */
    public ConfigTable withEnvironmentVariables(String prefix) {
        return new ConfigTable(keys, Objects.requireNonNull(prefix, "prefix"), importance);
    }

    /** This table with the importance column. */
    public ConfigTable withImportance() {
        return new ConfigTable(keys, envPrefix, true);
    }

    /** The table: a header row, a separator row, one row per key; every row ends with a line break. */
    public String markdown() {
        StringBuilder table = new StringBuilder("| key |");
        StringBuilder separator = new StringBuilder("|---|");
        if (envPrefix != null) {
            table.append(" environment variable |");
            separator.append("---|");
        }
        table.append(" type | default | valid values |");
        separator.append("---|---|---|");
        if (importance) {
            table.append(" importance |");
            separator.append("---|");
        }
        table.append(" description |\n").append(separator).append("---|\n");
        for (Key key : keys) {
            table.append("| `").append(key.name).append("` |");
            if (envPrefix != null) {
                table.append(" `").append(ConfigLoader.envName(envPrefix, key.name)).append("` |");
            }
            table.append(' ').append(key.type).append(" | ").append(defaultOf(key)).append(" | ")
                    .append(cell(key.validValues)).append(" |");
            if (importance) {
                table.append(' ').append(cell(key.importance)).append(" |");
            }
            table.append(' ').append(cell(key.documentation)).append(" |\n");
        }
        return table.toString();
    }

    private static String defaultOf(Key key) {
        if (key.required) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "(unset)";
        }
        return key.defaultValue.isEmpty() ? "(empty)" : "`" + cell(key.defaultValue) + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\r\n", " ").replace('\n', ' ');
    }
}

package io.connectusm.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Gathers a component's raw config values from a properties file, the environment and explicit overrides, with
 * one rule for every component:
 *
 * <ol>
 *   <li><b>File.</b> A properties file (UTF-8, {@link Properties#load(Reader)} syntax); each value is trimmed, as
 *       trailing blanks in a properties file are never meant.</li>
 *   <li><b>Environment.</b> A declared key {@code a.b.c} is overridden by the variable {@code <PREFIX>A_B_C}:
 *       the prefix ({@code USM_AGENT_}, {@code USM_ENDPOINT_}, …), then the key upper-cased with every character
 *       other than {@code A–Z} and {@code 0–9} replaced by {@code _} ({@link #envName}). Only declared keys are
 *       read, so unrelated variables never leak in; the value is taken as it is.</li>
 *   <li><b>Overrides</b> (command-line flags) win over both.</li>
 *   <li><b>References.</b> A value {@code ${file:PATH:KEY}} or {@code ${env:NAME}} of a declared non-secret key
 *       is resolved now ({@link ConfigReferences}); a secret key's value is kept as written, to be resolved at
 *       each use through a {@link Secret}, so it never sits in a string that could be logged and a rotated
 *       password file is read again.</li>
 * </ol>
 *
 * <p>What the values mean (types, defaults, validation) is the component's {@code ConfigDef}'s business, not this
 * class's. Immutable and thread-safe.
 */
public final class ConfigLoader {

    private final String envPrefix;
    private final Set<String> keys;
    private final Set<String> secretKeys;

    /**
     * @param envPrefix  the prefix of the component's environment variables, e.g. {@code USM_AGENT_}
     * @param keys       every key the component declares
     * @param secretKeys the declared keys whose values are secrets (never resolved here)
     */
    public ConfigLoader(String envPrefix, Collection<String> keys, Collection<String> secretKeys) {
        this.envPrefix = envPrefix;
        this.keys = Set.copyOf(new LinkedHashSet<>(keys));
        this.secretKeys = Set.copyOf(secretKeys);
        if (!this.keys.containsAll(this.secretKeys)) {
            throw new IllegalArgumentException("every secret key must be a declared key");
        }
    }

    /** The environment variable that overrides {@code key}: {@code prefix} + the key upper-cased, non-alphanumerics as {@code _}. */
    public static String envName(String prefix, String key) {
        StringBuilder name = new StringBuilder(prefix.length() + key.length()).append(prefix);
        for (char c : key.toUpperCase(Locale.ROOT).toCharArray()) {
            name.append(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ? c : '_');
        }
        return name.toString();
    }

    /** {@link #envName(String, String)} with this component's prefix. */
    public String envName(String key) {
        return envName(envPrefix, key);
    }

    /** Reads a properties file, every value trimmed, in the file's key order. */
    public static Map<String, String> readProperties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            values.put(name, properties.getProperty(name).trim());
        }
        return values;
    }

    /**
     * The file's values (none when {@code file} is {@code null}) with the rule applied; see the class comment.
     *
     * @throws IOException              when the file cannot be read
     * @throws ConfigReferenceException when a non-secret value's reference cannot be resolved
     */
    public Map<String, String> load(Path file, Map<String, String> environment, Map<String, String> overrides)
            throws IOException {
        return load(file == null ? Map.of() : readProperties(file), environment, overrides);
    }

    /**
     * {@code values} (e.g. built in code, or read from a file) with the environment, the overrides and the
     * references applied; see the class comment.
     *
     * @throws ConfigReferenceException when a non-secret value's reference cannot be resolved
     */
    public Map<String, String> load(Map<String, String> values, Map<String, String> environment,
            Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        for (String key : keys) {
            String fromEnvironment = environment.get(envName(key));
            if (fromEnvironment != null) {
                merged.put(key, fromEnvironment);
            }
        }
        merged.putAll(overrides);
        ConfigReferences references = new ConfigReferences(environment);
        for (Map.Entry<String, String> entry : merged.entrySet()) {
            if (keys.contains(entry.getKey()) && !secretKeys.contains(entry.getKey())) {
                entry.setValue(references.resolve(entry.getKey(), entry.getValue()));
            }
        }
        return merged;
    }
}

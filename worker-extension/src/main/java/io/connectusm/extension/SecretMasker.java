package io.connectusm.extension;

import io.connectusm.events.ConnectorSnapshot;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Masks a raw connector config before it leaves the worker: the value of every PASSWORD-typed key
 * ({@link PasswordKeyResolver}) and of every key matching {@link SensitiveNamePatterns} is replaced (never
 * hashed) by {@link ConnectorSnapshot#MASKED_VALUE}; other values have embedded URL credentials stripped
 * ({@link UrlCredentialStripper}). {@code ${provider:path:key}} references are treated like any other value.
 *
 * <p>Thread-safe; lives as long as the extension.
 */
final class SecretMasker {

    /** A masked config and the names of its fully masked keys. Immutable once built; not copied. */
    static final class MaskedConfig {
        private final SortedMap<String, String> config;
        private final SortedSet<String> maskedKeys;

        MaskedConfig(SortedMap<String, String> config, SortedSet<String> maskedKeys) {
            this.config = config;
            this.maskedKeys = maskedKeys;
        }

        SortedMap<String, String> config() {
            return config;
        }

        SortedSet<String> maskedKeys() {
            return maskedKeys;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof MaskedConfig && config.equals(((MaskedConfig) other).config)
                    && maskedKeys.equals(((MaskedConfig) other).maskedKeys);
        }

        @Override
        public int hashCode() {
            return 31 * config.hashCode() + maskedKeys.hashCode();
        }

        @Override
        public String toString() {
            return "MaskedConfig[config=" + config + ", maskedKeys=" + maskedKeys + "]";
        }
    }

    private final PasswordKeyResolver passwordKeys;
    private final SensitiveNamePatterns patterns;

    SecretMasker(PasswordKeyResolver passwordKeys, SensitiveNamePatterns patterns) {
        this.passwordKeys = passwordKeys;
        this.patterns = patterns;
    }

    MaskedConfig mask(Map<String, String> raw) {
        Set<String> typed = passwordKeys.passwordKeys(raw);
        SortedMap<String, String> masked = new TreeMap<>();
        SortedSet<String> maskedKeys = new TreeSet<>();
        raw.forEach((key, value) -> {
            if (typed.contains(key) || patterns.matches(key)) {
                masked.put(key, ConnectorSnapshot.MASKED_VALUE);
                maskedKeys.add(key);
            } else {
                masked.put(key, UrlCredentialStripper.strip(value));
            }
        });
        return new MaskedConfig(masked, maskedKeys);
    }
}

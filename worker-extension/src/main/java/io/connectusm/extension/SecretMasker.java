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

    /** A masked config and the names of its fully masked keys. */
    record MaskedConfig(SortedMap<String, String> config, SortedSet<String> maskedKeys) {
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

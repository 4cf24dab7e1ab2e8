package io.connectusm.secrets;

import io.connectusm.secrets.detect.CredentialScanner;
import io.connectusm.secrets.keys.KeyTokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Masks a raw connector config before it leaves the worker. Each key goes through the key layers
 * ({@link KeyClassifier}: type, exception, pattern, name, policy); a key they mask gets {@link #MASKED_VALUE}
 * (never a hash). Any other value goes through the value layer ({@link ValueRedactor}): credentials cut out, or
 * the mask when it holds a credential shape. {@code ${provider:path:key}} references are values like any other.
 *
 * <p>Immutable; thread-safe; build one per set of {@link MaskingOptions} and reuse it for every config.
 */
public final class ConfigMasker {

    /** The mask: the wire contract's {@code ConnectorSnapshot.MASKED_VALUE}. */
    public static final String MASKED_VALUE = CredentialScanner.MASKED_VALUE;

    private final KeyClassifier keys;
    private final ValueRedactor values = ValueRedactor.standard();

    public ConfigMasker(MaskingOptions options) {
        this.keys = new KeyClassifier(options);
    }

    /**
     * The masked form of {@code config}.
     *
     * @param config   the raw connector config as Connect stores it (no null keys; null values are kept as null)
     * @param declared the keys the loaded ConfigDefs declare for it ({@link DeclaredKeys#none()} when none loaded)
     */
    public MaskedConfig mask(Map<String, String> config, DeclaredKeys declared) {
        SortedMap<String, String> masked = new TreeMap<>();
        SortedSet<String> maskedKeys = new TreeSet<>();
        SortedMap<String, MaskReason> reasons = new TreeMap<>();
        List<String> secrets = new ArrayList<>();
        for (Map.Entry<String, String> entry : config.entrySet()) {
            String key = Objects.requireNonNull(entry.getKey(), "a config key is null");
            String value = entry.getValue();
            List<String> tokens = KeyTokens.of(key);
            MaskReason reason = keys.reason(key.toLowerCase(Locale.ROOT), tokens, value, declared);
            if (reason != null) {
                masked.put(key, MASKED_VALUE);
                maskedKeys.add(key);
                reasons.put(key, reason);
                secrets.add(value);
                continue;
            }
            Redaction redaction = values.redact(value, tokens.contains("aws"));
            masked.put(key, redaction.value());
            if (redaction.changed()) {
                MaskReason valueReason = redaction.reason().orElseThrow();
                reasons.put(key, valueReason);
                if (valueReason.masksWholeValue()) {
                    maskedKeys.add(key);
                }
                secrets.addAll(redaction.removed());
            }
        }
        return new MaskedConfig(masked, maskedKeys, reasons, SecretValues.of(secrets));
    }

    /** The key layers this masker applies. */
    public KeyClassifier keyClassifier() {
        return keys;
    }
}

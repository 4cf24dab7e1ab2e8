package io.connectusm.secrets;

import java.util.Locale;

/**
 * How far key masking goes ({@code masking.policy}).
 *
 * <p>Immutable; thread-safe.
 */
public enum MaskingPolicy {
    /** Mask PASSWORD-typed keys, secret-looking names and operator patterns. */
    DEFAULT("default"),
    /** Also mask every key that no loaded ConfigDef declares, unless its last token is a qualifier. */
    STRICT("strict");

    private final String configValue;

    MaskingPolicy(String configValue) {
        this.configValue = configValue;
    }

    /** The value as written in config: {@code default} or {@code strict}. */
    public String configValue() {
        return configValue;
    }

    /** The policy written {@code value} (case-insensitive, trimmed). */
    public static MaskingPolicy fromConfigValue(String value) {
        String normalised = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (MaskingPolicy policy : values()) {
            if (policy.configValue.equals(normalised)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("Unknown masking policy; expected default or strict");
    }
}

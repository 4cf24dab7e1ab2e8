package io.connectusm.support;

import java.util.Objects;

/**
 * A secret config value (a store password, an API secret) kept as it was configured: a literal or a
 * {@code ${file:…}}/{@code ${env:…}} reference resolved at each {@link #reveal()}, so a rotated password file
 * takes effect without a restart. {@link #toString()} never shows it, so a secret that slips into a log
 * statement or an exception message stays hidden. Immutable and thread-safe.
 */
public final class Secret {

    private final String key;
    private final String raw;
    private final ConfigReferences references;
    private final char[] fixed;

    /**
     * @param key        the config key it comes from (named in errors)
     * @param raw        the configured value: a literal or a reference
     * @param references resolves the reference at each {@link #reveal()}
     */
    public Secret(String key, String raw, ConfigReferences references) {
        this.key = Objects.requireNonNull(key, "key");
        this.raw = Objects.requireNonNull(raw, "raw");
        this.references = Objects.requireNonNull(references, "references");
        this.fixed = null;
    }

    private Secret(String key, char[] fixed) {
        this.key = key;
        this.raw = null;
        this.references = null;
        this.fixed = fixed;
    }

    /** The config key this secret comes from. */
    public String key() {
        return key;
    }

    /**
     * The secret's current value, a fresh array the caller wipes after use and must not log or keep.
     *
     * @throws ConfigReferenceException when its reference cannot be resolved now
     */
    public char[] reveal() {
        return fixed != null ? fixed.clone() : references.resolve(key, raw).toCharArray();
    }

    /**
     * This secret resolved once, now, for hot paths: an event loop must not read a password file per request.
     *
     * @throws ConfigReferenceException when its reference cannot be resolved now
     */
    public Secret resolvedNow() {
        return new Secret(key, reveal());
    }

    @Override
    public String toString() {
        return "[hidden]";
    }
}

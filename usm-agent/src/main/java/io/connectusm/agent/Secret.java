package io.connectusm.agent;

import java.util.Objects;

/**
 * A secret config value (a store password, an API secret) kept as it was configured: a literal or a
 * {@code ${file:…}}/{@code ${env:…}} reference resolved at each {@link #reveal()}, so rotated password
 * files take effect without a restart. {@link #toString()} never shows it, so a secret that slips into a
 * log statement or an exception message stays hidden. Immutable and thread-safe.
 */
final class Secret {

    private final String key;
    private final String raw;
    private final ConfigReferences references;
    private final char[] fixed;

    Secret(String key, String raw, ConfigReferences references) {
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

    /** The secret's current value. The caller must not log or keep it. */
    char[] reveal() {
        return fixed != null ? fixed.clone() : references.resolve(key, raw).toCharArray();
    }

    /**
     * This secret resolved once, now, for hot paths: an event loop must not read a password file per
     * request.
     */
    Secret resolvedNow() {
        return new Secret(key, reveal());
    }

    @Override
    public String toString() {
        return "[hidden]";
    }
}

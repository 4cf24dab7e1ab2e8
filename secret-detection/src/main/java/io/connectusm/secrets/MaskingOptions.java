package io.connectusm.secrets;

import io.connectusm.secrets.keys.KeyGlob;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * An operator's masking settings: extra sensitive key patterns ({@code sensitive.key.patterns}), exceptions
 * ({@code nonsensitive.key.patterns}) and the {@link MaskingPolicy}. Patterns are globs ({@code *} = any
 * characters, case ignored, whole key); blank entries are ignored.
 *
 * <p>An exception wins over the name rule, the sensitive patterns and the strict policy, never over a PASSWORD
 * type, and never stops credentials from being cut out of its value.
 *
 * <p>Immutable; thread-safe. Build with {@link #builder()}.
 */
public final class MaskingOptions {

    private static final MaskingOptions DEFAULTS = builder().build();

    private final List<String> sensitiveKeyPatterns;
    private final List<String> nonsensitiveKeyPatterns;
    private final MaskingPolicy policy;
    private final List<KeyGlob> sensitive;
    private final List<KeyGlob> nonsensitive;

    private MaskingOptions(Builder builder) {
        this.sensitiveKeyPatterns = Collections.unmodifiableList(new ArrayList<>(builder.sensitive));
        this.nonsensitiveKeyPatterns = Collections.unmodifiableList(new ArrayList<>(builder.nonsensitive));
        this.policy = builder.policy;
        this.sensitive = globs(sensitiveKeyPatterns);
        this.nonsensitive = globs(nonsensitiveKeyPatterns);
    }

    /** No extra patterns, no exceptions, the default policy. */
    public static MaskingOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> sensitiveKeyPatterns() {
        return sensitiveKeyPatterns;
    }

    public List<String> nonsensitiveKeyPatterns() {
        return nonsensitiveKeyPatterns;
    }

    public MaskingPolicy policy() {
        return policy;
    }

    boolean isSensitive(String lowerCaseKey) {
        return anyMatches(sensitive, lowerCaseKey);
    }

    boolean isException(String lowerCaseKey) {
        return anyMatches(nonsensitive, lowerCaseKey);
    }

    private static boolean anyMatches(List<KeyGlob> globs, String lowerCaseKey) {
        for (KeyGlob glob : globs) {
            if (glob.matchesLowerCase(lowerCaseKey)) {
                return true;
            }
        }
        return false;
    }

    private static List<KeyGlob> globs(List<String> patterns) {
        List<KeyGlob> globs = new ArrayList<>(patterns.size());
        for (String pattern : patterns) {
            globs.add(KeyGlob.of(pattern));
        }
        return Collections.unmodifiableList(globs);
    }

    @Override
    public String toString() {
        return "MaskingOptions[sensitive=" + sensitiveKeyPatterns + ", nonsensitive=" + nonsensitiveKeyPatterns
                + ", policy=" + policy.configValue() + "]";
    }

    /** Builds {@link MaskingOptions}. Not thread-safe. */
    public static final class Builder {
        private final List<String> sensitive = new ArrayList<>();
        private final List<String> nonsensitive = new ArrayList<>();
        private MaskingPolicy policy = MaskingPolicy.DEFAULT;

        private Builder() {
        }

        /** Adds {@code sensitive.key.patterns} entries. */
        public Builder sensitiveKeyPatterns(Collection<String> patterns) {
            addNonBlank(sensitive, patterns);
            return this;
        }

        /** Adds {@code nonsensitive.key.patterns} entries. */
        public Builder nonsensitiveKeyPatterns(Collection<String> patterns) {
            addNonBlank(nonsensitive, patterns);
            return this;
        }

        public Builder policy(MaskingPolicy value) {
            this.policy = value == null ? MaskingPolicy.DEFAULT : value;
            return this;
        }

        public MaskingOptions build() {
            return new MaskingOptions(this);
        }

        private static void addNonBlank(List<String> target, Collection<String> patterns) {
            for (String pattern : patterns) {
                if (pattern != null && !pattern.isBlank()) {
                    target.add(pattern.trim());
                }
            }
        }
    }
}

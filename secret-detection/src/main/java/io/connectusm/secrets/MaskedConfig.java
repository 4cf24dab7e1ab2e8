package io.connectusm.secrets;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * A connector config after masking: the config to send, the keys whose value is exactly the mask, the reason for
 * every key whose value changed, and the removed secrets for scrubbing this connector's traces.
 *
 * <p>{@link #toString()} shows key names only. Immutable; thread-safe.
 */
public final class MaskedConfig {

    private final SortedMap<String, String> config;
    private final SortedSet<String> maskedKeys;
    private final SortedMap<String, MaskReason> reasons;
    private final SecretValues secrets;

    MaskedConfig(SortedMap<String, String> config, SortedSet<String> maskedKeys,
                 SortedMap<String, MaskReason> reasons, SecretValues secrets) {
        this.config = Collections.unmodifiableSortedMap(config);
        this.maskedKeys = Collections.unmodifiableSortedSet(maskedKeys);
        this.reasons = Collections.unmodifiableSortedMap(reasons);
        this.secrets = secrets;
    }

    /** The config to send: every key, each value unchanged, with credentials cut out, or the mask. */
    public SortedMap<String, String> config() {
        return config;
    }

    /** The keys whose value is exactly {@link ConfigMasker#MASKED_VALUE} (reasons type, pattern, name, policy, shape). */
    public SortedSet<String> maskedKeys() {
        return maskedKeys;
    }

    /** Why each changed key changed: the masked keys', and {@link MaskReason#URL} for values with parts cut out. */
    public SortedMap<String, MaskReason> reasons() {
        return reasons;
    }

    /** The values masking removed (whole values and cut-out parts), for {@link TraceScrubber}. */
    public SecretValues secrets() {
        return secrets;
    }

    /** A scrubber for this connector's traces: its secrets plus every detector. */
    public TraceScrubber traceScrubber() {
        return TraceScrubber.of(secrets);
    }

    @Override
    public String toString() {
        return "MaskedConfig[" + config.size() + " keys, reasons=" + reasons + "]";
    }
}

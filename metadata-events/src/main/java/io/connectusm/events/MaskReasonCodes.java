package io.connectusm.events;

import java.util.Set;

/**
 * The codes of a snapshot's {@code mask_reasons}: why the emitter changed the value of a config key. The codes are
 * those of the {@code secret-detection} module's {@code MaskReason}, written here as strings so that the wire
 * contract depends on nothing but itself.
 *
 * <p>Two kinds of change, which the snapshot keeps apart: a value replaced whole by
 * {@link ConnectorSnapshot#MASKED_VALUE} ({@link #TYPE}, {@link #NAME}, {@link #PATTERN}, {@link #POLICY},
 * {@link #SHAPE}: the key is listed in {@code masked_keys}), and a value with a credential cut out of it, the rest
 * kept ({@link #URL}: the key is <em>not</em> in {@code masked_keys}, whose keys carry exactly the mask).
 *
 * <p>The vocabulary is open: a reader keeps and shows a well-formed code it does not know (1 to 32 lower-case
 * ASCII letters, digits, {@code -} or {@code _}), so that a newer emitter may add a reason without a new version of
 * the contract. Constants only; no instances.
 */
public final class MaskReasonCodes {

    /** PASSWORD-typed in a {@code ConfigDef} that governs the key, under any prefix. Masked whole. */
    public static final String TYPE = "type";
    /** The key's name looks secret (its tokens hold a secret word or pair). Masked whole. */
    public static final String NAME = "name";
    /** The key matches an operator's {@code sensitive.key.patterns}. Masked whole. */
    public static final String PATTERN = "pattern";
    /** {@code masking.policy=strict}: no loaded {@code ConfigDef} declares the key. Masked whole. */
    public static final String POLICY = "policy";
    /** A credential was cut out of the value (URL user-info, a secret parameter); the rest is kept. */
    public static final String URL = "url";
    /** The value holds a known credential shape (private key, JWT, cloud or SaaS token). Masked whole. */
    public static final String SHAPE = "shape";

    /** The codes of version 1 whose value is exactly the mask. */
    static final Set<String> WHOLE_VALUE = Set.of(TYPE, NAME, PATTERN, POLICY, SHAPE);

    static final int MAX_CODE_CHARS = 32;

    /** What a well-formed code looks like, for error messages. */
    static final String WELL_FORMED = "1 to " + MAX_CODE_CHARS + " lower-case ASCII letters, digits, '-' or '_'";

    private MaskReasonCodes() {
    }

    /** Whether {@code code} is one of the codes of version 1 (the constants above). */
    public static boolean isKnown(String code) {
        return WHOLE_VALUE.contains(code) || URL.equals(code);
    }

    /** Whether a value changed for {@code code} is exactly the mask (and its key listed in {@code masked_keys}). */
    public static boolean masksWholeValue(String code) {
        return WHOLE_VALUE.contains(code);
    }

    /** Whether {@code code} is a well-formed code, known or not. */
    public static boolean isWellFormed(String code) {
        if (code == null || code.isEmpty() || code.length() > MAX_CODE_CHARS) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why {@code code} for {@code key} breaks the contract, or {@code null} when it does not. Never mentions a value.
     */
    static String problem(String key, String code, java.util.Map<String, String> config,
                          java.util.Set<String> maskedKeys) {
        if (!isWellFormed(code)) {
            return "is not a reason code: expected " + WELL_FORMED;
        }
        if (!config.containsKey(key)) {
            return "names a key that config does not hold";
        }
        if (masksWholeValue(code) && !maskedKeys.contains(key)) {
            return "reason '" + code + "' masks the whole value, so the key must be listed in masked_keys";
        }
        if (URL.equals(code) && maskedKeys.contains(key)) {
            return "reason 'url' keeps the rest of the value, so the key must not be listed in masked_keys";
        }
        return null;
    }
}

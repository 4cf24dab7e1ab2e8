package io.connectusm.secrets;

/**
 * Why a value was masked or changed, with a stable wire {@link #code()} (carried per key in snapshots, shown by
 * the endpoint so that an operator can trust the mask or report a false positive).
 *
 * <p>Immutable; thread-safe.
 */
public enum MaskReason {
    /** The key is PASSWORD-typed in a ConfigDef that governs it (under any prefix). Masked whole. */
    TYPE("type", "PASSWORD type"),
    /** The key matches an operator's {@code sensitive.key.patterns}. Masked whole. */
    PATTERN("pattern", "sensitive key pattern"),
    /** The key's name looks secret (its tokens hold a secret word or pair). Masked whole. */
    NAME("name", "name looks secret"),
    /** {@code masking.policy=strict}: no loaded ConfigDef declares the key. Masked whole. */
    POLICY("policy", "undeclared key (strict policy)"),
    /** A credential was cut out of the value (URL user-info, a secret parameter); the rest is kept. */
    URL("url", "credential in value removed"),
    /** The value holds a known credential shape (private key, JWT, cloud or SaaS token). Masked whole. */
    SHAPE("shape", "value holds a credential"),
    /** Something was scrubbed from a trace or another free-text field. */
    TRACE("trace", "scrubbed from trace");

    private final String code;
    private final String description;

    MaskReason(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The stable wire code: {@code type}, {@code name}, {@code pattern}, {@code policy}, {@code url}, … */
    public String code() {
        return code;
    }

    /** A short human description, e.g. "PASSWORD type". */
    public String description() {
        return description;
    }

    /** Whether a value masked for this reason is exactly the mask (as opposed to a value with parts cut out). */
    public boolean masksWholeValue() {
        return this != URL && this != TRACE;
    }

    /** The reason with this wire code. */
    public static MaskReason fromCode(String code) {
        for (MaskReason reason : values()) {
            if (reason.code.equals(code)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("Unknown mask reason code; expected one of type, pattern, name, policy, "
                + "url, shape, trace");
    }
}

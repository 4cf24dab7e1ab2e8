package io.connectusm.secrets;

import io.connectusm.secrets.keys.KeyTokens;
import io.connectusm.secrets.keys.SecretNameRule;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a config key's whole value is masked, and why — the key layers, in this order:
 * <ol>
 *   <li>{@link MaskReason#TYPE}: PASSWORD-typed under any prefix ({@link DeclaredKeys#isPasswordTyped});</li>
 *   <li>an operator exception ({@code nonsensitive.key.patterns}) stops here: nothing below applies;</li>
 *   <li>{@link MaskReason#PATTERN}: it matches {@code sensitive.key.patterns};</li>
 *   <li>{@link MaskReason#NAME}: its tokens look secret ({@link SecretNameRule}: a secret word or pair, and not a
 *       qualifier as last token);</li>
 *   <li>{@link MaskReason#POLICY}: the policy is strict, no loaded ConfigDef declares the key and its last token is
 *       not a qualifier.</li>
 * </ol>
 * A key whose value is {@code true} or {@code false} is a switch about a secret ({@code use.default.credentials}),
 * not a secret: the name and policy layers leave it (type and pattern still mask it).
 * A key not masked here may still have credentials cut out of its value by {@link ValueRedactor}.
 *
 * <p>Immutable; thread-safe.
 */
public final class KeyClassifier {

    private final MaskingOptions options;

    public KeyClassifier(MaskingOptions options) {
        this.options = options;
    }

    /** Why {@code key}'s value ({@code value}, may be null) is masked whole, or empty when the key layers leave it. */
    public Optional<MaskReason> classify(String key, String value, DeclaredKeys declared) {
        return Optional.ofNullable(reason(key, value, declared));
    }

    /** Whether {@code key} looks secret by its name alone (the {@link MaskReason#NAME} layer). */
    public static boolean looksSecret(String key) {
        return SecretNameRule.looksSecret(KeyTokens.of(key));
    }

    /** {@link #classify} without the Optional (null when not masked). */
    MaskReason reason(String key, String value, DeclaredKeys declared) {
        return key == null ? null : reason(key.toLowerCase(Locale.ROOT), KeyTokens.of(key), value, declared);
    }

    /** The same, for a key already lower-cased and split into tokens (the masker does both once per key). */
    MaskReason reason(String lowerCaseKey, List<String> tokens, String value, DeclaredKeys declared) {
        if (declared.isPasswordTypedLowerCase(lowerCaseKey)) {
            return MaskReason.TYPE;
        }
        if (options.isException(lowerCaseKey)) {
            return null;
        }
        if (options.isSensitive(lowerCaseKey)) {
            return MaskReason.PATTERN;
        }
        if (isSwitch(value)) {
            return null;
        }
        if (SecretNameRule.looksSecret(tokens)) {
            return MaskReason.NAME;
        }
        if (options.policy() == MaskingPolicy.STRICT && !declared.isDeclaredLowerCase(lowerCaseKey)
                && !SecretNameRule.namesMetadata(tokens)) {
            return MaskReason.POLICY;
        }
        return null;
    }

    private static boolean isSwitch(String value) {
        if (value == null) {
            return false;
        }
        String trimmed = value.trim();
        return trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false");
    }
}

package io.connectusm.secrets;

import io.connectusm.secrets.detect.CredentialKind;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link ValueRedactor} made of one value: the value to send, why it changed ({@link MaskReason#URL} when
 * credentials were cut out, {@link MaskReason#SHAPE} when it was masked whole) and the kinds of credential found.
 * The removed parts stay inside this package (they feed {@link SecretValues}); {@link #toString()} shows no value.
 *
 * <p>Immutable; thread-safe.
 */
public final class Redaction {

    private final String value;
    private final MaskReason reason;
    private final Set<CredentialKind> kinds;
    private final List<String> removed;

    Redaction(String value, MaskReason reason, Set<CredentialKind> kinds, List<String> removed) {
        this.value = value;
        this.reason = reason;
        this.kinds = kinds;
        this.removed = removed;
    }

    static Redaction unchanged(String value) {
        return new Redaction(value, null, Collections.emptySet(), Collections.emptyList());
    }

    static Set<CredentialKind> kindSet() {
        return EnumSet.noneOf(CredentialKind.class);
    }

    /** The value to send: unchanged, with credentials cut out, or the mask. */
    public String value() {
        return value;
    }

    public boolean changed() {
        return reason != null;
    }

    /** {@link MaskReason#URL} or {@link MaskReason#SHAPE} when changed, else empty. */
    public Optional<MaskReason> reason() {
        return Optional.ofNullable(reason);
    }

    /** The kinds of credential found (empty when unchanged). */
    public Set<CredentialKind> kinds() {
        return Collections.unmodifiableSet(kinds);
    }

    /** The secret parts taken out (the whole original value when masked whole). Never leaves this package. */
    List<String> removed() {
        return removed;
    }

    @Override
    public String toString() {
        return reason == null ? "Redaction[unchanged]" : "Redaction[" + reason.code() + ", " + kinds + "]";
    }
}

package io.connectusm.secrets.detect;

/**
 * A span {@code [start, end)} of a scanned text that holds a credential of some {@link CredentialKind}.
 *
 * <p>Holds positions only, never the text: safe to log or to put in a message. Immutable; thread-safe.
 */
public final class Finding {

    private final int start;
    private final int end;
    private final CredentialKind kind;

    public Finding(int start, int end, CredentialKind kind) {
        this.start = start;
        this.end = end;
        this.kind = kind;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    public CredentialKind kind() {
        return kind;
    }

    /** The same span with another kind (an inline value that turns out to be a known shape). */
    Finding withKind(CredentialKind other) {
        return new Finding(start, end, other);
    }

    @Override
    public String toString() {
        return kind.code() + "[" + start + ", " + end + ")";
    }
}

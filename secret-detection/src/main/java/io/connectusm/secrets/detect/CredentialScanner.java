package io.connectusm.secrets.detect;

import java.util.Collections;
import java.util.List;

/**
 * Finds the credentials in a text, in one left-to-right pass: the spans of URL user-info, inline assignments and
 * known credential shapes, in order and without overlaps.
 *
 * <p>Two modes differ only where a config value and free text need different caution: in {@link Mode#VALUE} a
 * colon right after a lower-case word ({@code password:pwd}, a field rename) is not taken for an assignment
 * unless the word is quoted or written header-style ({@code Authorization:…}); {@link Mode#TEXT} (traces,
 * messages) takes it.
 *
 * <p>Cost: linear in the text's length for any input — no regular expressions, each detector either inspects a
 * bounded window or consumes the characters it scans. Stateless; thread-safe; one shared instance.
 */
public final class CredentialScanner {

    /** What replaces a secret: the wire contract's mask. */
    public static final String MASKED_VALUE = "********";

    /** How cautious a scan is about colons; see the class comment. */
    public enum Mode {
        /** A config value. */
        VALUE,
        /** Free text: a trace, a message, any string field of an event. */
        TEXT
    }

    private static final CredentialScanner INSTANCE = new CredentialScanner();

    private CredentialScanner() {
    }

    public static CredentialScanner instance() {
        return INSTANCE;
    }

    /**
     * The credentials in {@code text}, ordered by position, not overlapping; an empty list when there are none
     * (or {@code text} is null).
     *
     * @param awsContext the caller knows the text is about AWS (e.g. its key names AWS): a 40-character AWS secret
     *                   key is then recognised even without an AWS key ID or the word {@code aws} in the text
     */
    public List<Finding> scan(String text, Mode mode, boolean awsContext) {
        if (text == null || text.length() < 4 || !FirstLook.mayFind(text)) {
            return Collections.emptyList();
        }
        return new Scan(text, mode, awsContext).run();
    }
}

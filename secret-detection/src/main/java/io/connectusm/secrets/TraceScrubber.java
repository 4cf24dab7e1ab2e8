package io.connectusm.secrets;

import io.connectusm.secrets.detect.CredentialKind;
import io.connectusm.secrets.detect.CredentialScanner;

import java.util.function.Consumer;

/**
 * Scrubs a connector's or task's trace (or any free text about one connector) before it leaves: every credential
 * {@link TextScrubber} detects, then every occurrence of the connector's {@link SecretValues} (values and their
 * tokens, raw, URL-encoded or JSON-escaped) that is left. Values the worker resolved from {@code ${provider:…}} references never
 * reach the masker, so in a trace only the detectors can catch them.
 *
 * <p>Immutable; thread-safe. One per masked config ({@link MaskedConfig#traceScrubber()}), reused for the
 * connector's trace and every task's.
 */
public final class TraceScrubber {

    private final SecretValues secrets;

    private TraceScrubber(SecretValues secrets) {
        this.secrets = secrets;
    }

    /** A scrubber that removes {@code secrets} and detected credentials. */
    public static TraceScrubber of(SecretValues secrets) {
        return new TraceScrubber(secrets);
    }

    /** {@code trace} scrubbed; the same instance when nothing was found (null stays null). */
    public String scrub(String trace) {
        return scrub(trace, null);
    }

    /** {@code trace} scrubbed, reporting each removal's kind to {@code findings} (may be null); values never. */
    public String scrub(String trace, Consumer<CredentialKind> findings) {
        if (trace == null || trace.isEmpty()) {
            return trace;
        }
        // Detectors first: a known value found only in part (its longest token) would leave "********" at the start
        // of an assignment's value, which the detectors take for masked already, and the rest of the value stay.
        String withoutDetected = TextScrubber.standard().scrub(trace, findings);
        return removeKnown(withoutDetected, findings);
    }

    private String removeKnown(String text, Consumer<CredentialKind> findings) {
        boolean[] covered = null;
        for (String needle : secrets.needles()) {
            if (needle.length() > text.length()) {
                continue;
            }
            for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
                if (covered == null) {
                    covered = new boolean[text.length()];
                }
                for (int i = at; i < at + needle.length(); i++) {
                    covered[i] = true;
                }
            }
        }
        if (covered == null) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            if (!covered[i]) {
                out.append(text.charAt(i++));
                continue;
            }
            while (i < text.length() && covered[i]) {
                i++;
            }
            out.append(CredentialScanner.MASKED_VALUE);
            if (findings != null) {
                findings.accept(CredentialKind.KNOWN_SECRET);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "TraceScrubber[" + secrets + "]";
    }
}

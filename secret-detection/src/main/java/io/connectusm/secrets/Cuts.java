package io.connectusm.secrets;

import io.connectusm.secrets.detect.CredentialScanner;
import io.connectusm.secrets.detect.Finding;

import java.util.List;

/** Replaces ordered, non-overlapping spans of a text by the mask. Stateless. */
final class Cuts {

    private Cuts() {
    }

    /** {@code text} with every span of {@code findings} (ordered, not overlapping) replaced by the mask. */
    static String apply(String text, List<Finding> findings) {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (Finding finding : findings) {
            out.append(text, from, finding.start()).append(CredentialScanner.MASKED_VALUE);
            from = finding.end();
        }
        return out.append(text, from, text.length()).toString();
    }
}

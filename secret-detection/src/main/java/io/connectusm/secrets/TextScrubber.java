package io.connectusm.secrets;

import io.connectusm.secrets.detect.CredentialKind;
import io.connectusm.secrets.detect.CredentialScanner;
import io.connectusm.secrets.detect.Finding;

import java.util.List;
import java.util.function.Consumer;

/**
 * The context-free scrubber: any text with every detected credential replaced by the mask — URL and inline
 * credentials, and known shapes (only the shape's span; the rest of the text stays). This is the second line of
 * defence the agent runs on every string field of every event before egress, and the endpoint on ingest: it needs
 * no config, so a worker with an older plugin still does not leak common shapes.
 *
 * <p>Cheap enough for every string of every event: one linear pass without regular expressions, no allocation
 * when nothing is found (the same string is returned). Stateless; thread-safe; use {@link #standard()}.
 */
public final class TextScrubber {

    private static final TextScrubber STANDARD = new TextScrubber();

    private final CredentialScanner scanner = CredentialScanner.instance();

    private TextScrubber() {
    }

    public static TextScrubber standard() {
        return STANDARD;
    }

    /** {@code text} scrubbed; the same instance when nothing was found (null stays null). */
    public String scrub(String text) {
        return scrub(text, null);
    }

    /**
     * {@code text} scrubbed, reporting the kind of each credential removed to {@code findings} (e.g. to count
     * them as a metric; the value itself is never reported). {@code findings} may be null.
     */
    public String scrub(String text, Consumer<CredentialKind> findings) {
        List<Finding> found = scanner.scan(text, CredentialScanner.Mode.TEXT, false);
        if (found.isEmpty()) {
            return text;
        }
        if (findings != null) {
            for (Finding finding : found) {
                findings.accept(finding.kind());
            }
        }
        return Cuts.apply(text, found);
    }
}

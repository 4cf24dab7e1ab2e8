package io.connectusm.secrets;

import io.connectusm.secrets.detect.CredentialKind;
import io.connectusm.secrets.detect.CredentialScanner;
import io.connectusm.secrets.detect.Finding;
import io.connectusm.secrets.keys.KeyTokens;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The value layer: a config value under a key the key layers left alone keeps everything but its credentials.
 * Credentials delimited by syntax (URL user-info, {@code password=…}, JSON, JAAS, header values …) are cut out
 * ({@link MaskReason#URL}); a value holding a known credential shape anywhere (private key, JWT, cloud or SaaS
 * token) is masked whole ({@link MaskReason#SHAPE}). See {@link CredentialScanner} for the detectors.
 *
 * <p>Stateless; thread-safe; use {@link #standard()}.
 */
public final class ValueRedactor {

    private static final ValueRedactor STANDARD = new ValueRedactor();

    private final CredentialScanner scanner = CredentialScanner.instance();

    private ValueRedactor() {
    }

    public static ValueRedactor standard() {
        return STANDARD;
    }

    /** {@code value} with its credentials removed. */
    public Redaction redact(String value) {
        return redact(value, false);
    }

    /**
     * {@code value} of {@code key} with its credentials removed; the key adds context (a key naming AWS lets a bare
     * 40-character secret access key be recognised).
     */
    public Redaction redact(String key, String value) {
        return redact(value, key != null && KeyTokens.of(key).contains("aws"));
    }

    /** For the masker, which has split the key already: {@code awsContext} when a key token is {@code aws}. */
    Redaction redact(String value, boolean awsContext) {
        List<Finding> findings = scanner.scan(value, CredentialScanner.Mode.VALUE, awsContext);
        if (findings.isEmpty()) {
            return Redaction.unchanged(value);
        }
        Set<CredentialKind> kinds = Redaction.kindSet();
        boolean shape = false;
        for (Finding finding : findings) {
            kinds.add(finding.kind());
            shape |= finding.kind().isShape();
        }
        if (shape) {
            return new Redaction(CredentialScanner.MASKED_VALUE, MaskReason.SHAPE, kinds,
                    Collections.singletonList(value));
        }
        List<String> removed = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            removed.add(value.substring(finding.start(), finding.end()));
        }
        return new Redaction(Cuts.apply(value, findings), MaskReason.URL, kinds, removed);
    }
}

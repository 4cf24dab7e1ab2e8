package io.connectusm.endpoint.web;

import io.connectusm.endpoint.store.StoredConnector;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.MaskReasonCodes;

/**
 * What the connector page says about a masked or changed value and about the traces, in the operator's words, so
 * that a mask can be trusted or reported as a false positive (by key and reason, never by value): "masked: PASSWORD
 * type", "masked: name looks secret", "credential in URL removed", "trace scrubbed". A code this endpoint does
 * not know (from a newer emitter) is shown as it came. Stateless.
 */
final class MaskNotes {

    private MaskNotes() {
    }

    /** The note for the value of {@code key}, or {@code null} when it was not changed (or no reason is known). */
    static String value(StoredConnector s, String key) {
        String code = s.maskReason(key);
        if (code == null) {
            return null;
        }
        return switch (code) {
            case MaskReasonCodes.TYPE -> "masked: PASSWORD type";
            case MaskReasonCodes.NAME -> "masked: name looks secret";
            case MaskReasonCodes.PATTERN -> "masked: sensitive key pattern";
            case MaskReasonCodes.POLICY -> "masked: undeclared key (strict policy)";
            case MaskReasonCodes.SHAPE -> "masked: value holds a credential";
            case MaskReasonCodes.URL -> "credential in URL removed";
            default -> (MaskReasonCodes.masksWholeValue(code) || s.maskedKeys().contains(key) ? "masked: " : "changed: ")
                    + code;
        };
    }

    /**
     * The note on the traces: whether something was scrubbed from one (it then shows the mask where it was),
     * and what the emitter's {@code trace_mode} left out; {@code null} when there is nothing to say.
     */
    static String traces(StoredConnector s) {
        if ("NONE".equals(s.traceMode())) {
            return "traces not sent (the worker's trace.mode is none)";
        }
        boolean scrubbed = scrubbed(s.trace()) || s.tasks().stream().anyMatch(t -> scrubbed(t.trace()));
        String summary = "SUMMARY".equals(s.traceMode()) ? "first line of each trace only (the worker's trace.mode "
                + "is summary)" : null;
        if (scrubbed) {
            return summary == null ? "trace scrubbed" : "trace scrubbed; " + summary;
        }
        return summary;
    }

    private static boolean scrubbed(String trace) {
        return trace != null && trace.contains(ConnectorSnapshot.MASKED_VALUE);
    }
}

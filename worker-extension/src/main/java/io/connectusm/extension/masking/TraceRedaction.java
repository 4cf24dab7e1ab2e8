package io.connectusm.extension.masking;

import io.connectusm.events.EventLimits;
import io.connectusm.events.TraceMode;
import io.connectusm.secrets.TraceScrubber;

/**
 * A failure trace as {@code trace.mode} says: {@link TraceMode#SCRUBBED} the whole trace scrubbed,
 * {@link TraceMode#SUMMARY} its first line (exception class and message) scrubbed, {@link TraceMode#NONE} nothing.
 * Scrubbing runs over the whole trace before anything is cut, so a secret spanning the cut (a PEM block, a value
 * near the size limit) is found whole. Stateless; thread-safe.
 */
final class TraceRedaction {

    private TraceRedaction() {
    }

    /**
     * {@code trace} to send, or {@code null} for none.
     *
     * @param scrubbers applied in order (the connector's secrets, then the worker's; each ends with the detectors)
     */
    static String redact(String trace, TraceMode mode, TraceScrubber... scrubbers) {
        if (trace == null || trace.isEmpty() || mode == TraceMode.NONE) {
            return null;
        }
        String scrubbed = trace;
        for (TraceScrubber scrubber : scrubbers) {
            scrubbed = scrubber.scrub(scrubbed);
        }
        if (mode == TraceMode.SUMMARY) {
            scrubbed = firstLine(scrubbed);
        }
        return scrubbed.isEmpty() ? null : EventLimits.truncate(scrubbed);
    }

    private static String firstLine(String text) {
        int end = 0;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return text.substring(0, end).stripTrailing();
    }
}

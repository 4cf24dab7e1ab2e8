package io.connectusm.agent.ingest;

import io.connectusm.events.MetadataEvent;

/**
 * The seam of the agent's second line of masking (issue #9, defence in depth): the agent is the egress point to the
 * endpoint, so before an event is spooled — and so before it can be forwarded — every string it carries is shown to
 * {@link #flags}, in the same streaming pass that validates the batch (values, config keys, and the strings of
 * fields the contract does not know, which travel on in the event's bytes; not the values the contract holds to a
 * fixed format, such as enums, {@code time} and fingerprints, which could not leave otherwise and which
 * {@link #scrub} leaves as they are). An event none of whose strings is
 * flagged keeps its bytes; a flagged one is decoded, {@link #scrub}bed, encoded and validated again, and the scrubbed
 * form is what the spool holds.
 *
 * <p>The agent runs {@link SecondLineScrubber} (secret-detection's value detectors); {@link #NONE} (nothing flagged,
 * and no string is even looked at) serves tests and benchmarks that measure the path without it.
 *
 * <p>Implementations are thread-safe and cheap: {@link #flags} runs on the event loops for every string of every
 * event. Neither method may log or keep what it is shown.
 */
public interface SecondLineScan {

    /** Looks at nothing: every event keeps its bytes. */
    SecondLineScan NONE = new SecondLineScan() {
        @Override
        public boolean flags(String text) {
            return false;
        }

        @Override
        public MetadataEvent scrub(MetadataEvent event) {
            return event;
        }
    };

    /**
     * Whether {@code text}, a string of an incoming event, holds something that must not leave. A function of
     * {@code text} alone: the scanner skips a string equal to one just cleared.
     */
    boolean flags(String text);

    /**
     * {@code event} with what {@link #flags} found removed; it must still be a valid event of the contract (it is
     * validated again, and a failure refuses the batch rather than let the event leave).
     */
    MetadataEvent scrub(MetadataEvent event);
}

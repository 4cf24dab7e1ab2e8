package io.connectusm.events;

/**
 * How the emitter treated the connector's and its tasks' failure traces before sending the snapshot (the worker
 * extension's {@code trace.mode}). Travels as the constant's name in the snapshot's {@code trace_mode}; absent when
 * the emitter does not say (an older one, whose traces a receiver must treat as unscrubbed).
 */
public enum TraceMode {
    /** The whole trace, scrubbed of the connector's masked values and of every detected credential. */
    SCRUBBED,
    /** Only the trace's first line (exception class and message), scrubbed the same way. */
    SUMMARY,
    /** No trace is sent: {@code trace} is absent even for a failed connector or task. */
    NONE;
}

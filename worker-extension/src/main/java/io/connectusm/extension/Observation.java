package io.connectusm.extension;

/** What one observation of a connector's state found ({@link ChangeDetector#observe}, {@link ChangeDetector#resync}). */
enum Observation {
    /** The state was read and compared (a snapshot appended if it changed). */
    OBSERVED,
    /** A connector never seen has no status yet. */
    ABSENT,
    /** A known connector is gone: its deletion was appended. */
    DELETED,
    /** The state could not be read this time. */
    FAILED
}

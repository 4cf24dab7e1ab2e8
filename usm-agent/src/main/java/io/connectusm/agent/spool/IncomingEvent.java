package io.connectusm.agent.spool;

import io.connectusm.events.ScannedEvent;

/**
 * An event prepared for the store on the caller's thread (an event loop), so that the committer thread only
 * writes: its key, its state digest (hex, as the index keeps it), its sending worker, and its store value already laid out
 * ({@link SpoolRecord}: the digest and the event's bytes as the worker sent them). Handed to the committer whole:
 * from then on the value is the committer's, which sets its key number in it before storing it; nobody else
 * changes it.
 */
final class IncomingEvent {

    private final SpoolKey key;
    private final String digest;
    private final String worker;
    private final byte[] value;

    private IncomingEvent(SpoolKey key, String digest, String worker, byte[] value) {
        this.key = key;
        this.digest = digest;
        this.worker = worker;
        this.value = value;
    }

    static IncomingEvent of(ScannedEvent event) {
        byte[] digest = event.stateDigest();
        return new IncomingEvent(SpoolKey.of(event), SpoolRecord.hex(digest), workerOf(event),
                SpoolRecord.value(digest, event));
    }

    /** The worker that sent {@code event} (its {@code workerid}), {@code ""} when it names none. */
    static String workerOf(ScannedEvent event) {
        return event.workerId() == null ? "" : event.workerId();
    }

    SpoolKey key() {
        return key;
    }

    String digest() {
        return digest;
    }

    /** The sending worker: deduplication is per key and worker ({@link SameState}). */
    String worker() {
        return worker;
    }

    /** The store value, see {@link SpoolRecord}; its key number is set by the index. */
    byte[] value() {
        return value;
    }

    /** The event's length in bytes: what the spool accounts against {@code spool.max.bytes}. */
    int jsonLength() {
        return SpoolRecord.jsonLength(value);
    }
}

package io.connectusm.agent.spool;

import io.connectusm.events.MetadataEvent;

/**
 * One pending event as the forwarder gets it: its key, its place in the key's history and its JSON, read from
 * the store for this batch only. Immutable (the array is not copied: callers do not change it).
 *
 * @param key  the spool key it coalesces under
 * @param seq  its sequence number in the key's history
 * @param json the event as {@code application/cloudevents+json}, the bytes the worker sent
 */
public record PendingEvent(SpoolKey key, long seq, byte[] json) {

    /** The event, decoded (the forwarder sends {@link #json()} as it is). */
    public MetadataEvent event() {
        return BatchCodec.decodeEvent(json);
    }
}

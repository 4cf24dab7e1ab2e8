package io.connectusm.agent.spool;

import io.connectusm.events.MetadataEvent;

/**
 * An event prepared for the store on the caller's thread (its key, its JSON, its state digest), so that the
 * committer thread only writes. Immutable.
 */
record IncomingEvent(SpoolKey key, byte[] json, String digest) {

    static IncomingEvent of(MetadataEvent event) {
        return new IncomingEvent(SpoolKey.of(event), BatchCodec.encode(event), BatchCodec.stateDigest(event));
    }
}

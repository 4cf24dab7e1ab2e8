package io.connectusm.events;

/**
 * The {@code data} of a {@link MetadataEvent}. Each payload carries state, not deltas, so a receiver that
 * applies them idempotently converges whatever was dropped, duplicated or reordered. Closed: the four
 * types ({@link ConnectorSnapshot}, {@link ConnectorDeleted}, {@link ClusterInventory}, {@link WorkerPlugins})
 * are the contract, and {@link EventCodec} knows the JSON form of each. An abstract class with a
 * package-private constructor rather than a sealed interface, which Java 11 (the worker plugin's bytecode
 * level) does not have: no other module can add a payload type either way. Implementations are immutable and
 * thread-safe.
 */
public abstract class EventPayload {

    EventPayload() {
    }

    /** The CloudEvents type this payload travels as. */
    public abstract EventType type();
}

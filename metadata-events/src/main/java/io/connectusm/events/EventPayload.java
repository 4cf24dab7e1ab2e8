package io.connectusm.events;

/**
 * The {@code data} of a {@link MetadataEvent}. Each payload carries state, not deltas, so a receiver that
 * applies them idempotently converges whatever was dropped, duplicated or reordered. Sealed: the four
 * types are the contract, and {@link EventCodec} knows the JSON form of each. Implementations are immutable
 * and thread-safe.
 */
public sealed interface EventPayload permits ConnectorSnapshot, ConnectorDeleted, ClusterInventory, WorkerPlugins {

    /** The CloudEvents type this payload travels as. */
    EventType type();
}

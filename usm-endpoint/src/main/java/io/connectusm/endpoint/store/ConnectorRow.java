package io.connectusm.endpoint.store;

/**
 * One stored connector as the {@link SnapshotApplier} sees it: its state, whether it is a tombstone, and the
 * stamp of the event it last took. Immutable.
 *
 * @param connector the stored state (of a tombstone: the name, and the columns it had before its deletion)
 * @param deleted   whether the connector is deleted (a tombstone, kept so older events cannot revive it)
 * @param stamp     the stamp of the last event applied to the row
 * @param merge     how the state was merged from the workers' reports ({@link MergeState#NONE} when unknown)
 */
record ConnectorRow(StoredConnector connector, boolean deleted, EventStamp stamp, MergeState merge) {

    /** A row of which no merge state is known (written before it was kept). */
    ConnectorRow(StoredConnector connector, boolean deleted, EventStamp stamp) {
        this(connector, deleted, stamp, MergeState.NONE);
    }

    String name() {
        return connector.name();
    }
}

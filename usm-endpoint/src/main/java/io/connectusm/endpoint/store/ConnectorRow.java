package io.connectusm.endpoint.store;

/**
 * One stored connector as the {@link SnapshotApplier} sees it: its state, whether it is a tombstone, and the
 * stamp of the event it last took. Immutable.
 *
 * @param connector the stored state (of a tombstone: the name, and the columns it had before its deletion)
 * @param deleted   whether the connector is deleted (a tombstone, kept so older events cannot revive it)
 * @param stamp     the stamp of the last event applied to the row
 */
record ConnectorRow(StoredConnector connector, boolean deleted, EventStamp stamp) {

    String name() {
        return connector.name();
    }
}

package io.connectusm.events;

/**
 * The CloudEvents {@code type} values of the wire contract, one per payload record. An event of any other
 * type is refused by {@link EventCodec}: a new type is a new version of the contract.
 */
public enum EventType {
    /** {@link ConnectorSnapshot}: the whole current state of one connector. */
    CONNECTOR_SNAPSHOT("io.connectusm.connector.snapshot"),
    /** {@link ConnectorDeleted}: a connector no longer exists. */
    CONNECTOR_DELETED("io.connectusm.connector.deleted"),
    /** {@link ClusterInventory}: every connector of one Connect cluster, with fingerprints. */
    CLUSTER_INVENTORY("io.connectusm.cluster.inventory"),
    /** {@link WorkerPlugins}: the plugins installed on one worker. */
    WORKER_PLUGINS("io.connectusm.worker.plugins");

    private final String ceType;

    EventType(String ceType) {
        this.ceType = ceType;
    }

    /** The value of the CloudEvents {@code type} attribute. */
    public String ceType() {
        return ceType;
    }

    /**
     * Looks a type up by its CloudEvents {@code type} value.
     *
     * @return the type, or {@code null} when the value is not one of ours
     */
    public static EventType fromCeType(String ceType) {
        for (EventType type : values()) {
            if (type.ceType.equals(ceType)) {
                return type;
            }
        }
        return null;
    }
}

package io.connectusm.events;

import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;

/** {@link PayloadFormat} of {@link ClusterInventory}: {@code {"connectors": {name: fingerprint, …}}}. */
final class ClusterInventoryFormat implements PayloadFormat {

    static final String CONNECTORS = "connectors";
    static final String EMPTY_NAME = "a connector name must not be empty";

    private static final Shape.Fields SHAPE = Shape.fields(
            CONNECTORS, Shape.entries(Shape.SCALAR, EventLimits.MAX_INVENTORY_ENTRIES, "MAX_INVENTORY_ENTRIES"));

    @Override
    public Shape.Fields shape() {
        return SHAPE;
    }

    @Override
    public void write(EventPayload payload, DataWriter out) throws IOException {
        out.stringMap(CONNECTORS, ((ClusterInventory) payload).connectors());
    }

    @Override
    public EventPayload read(NodeReader data) {
        SortedMap<String, String> connectors = data.requiredStringMap(CONNECTORS, false);
        for (Map.Entry<String, String> entry : connectors.entrySet()) {
            FieldPath at = data.path(CONNECTORS).field(entry.getKey());
            if (entry.getKey().isEmpty()) {
                throw EventDecodingException.malformed(at, EMPTY_NAME);
            }
            if (!ConfigFingerprint.isWellFormed(entry.getValue())) {
                throw EventDecodingException.malformed(at, ConnectorSnapshotFormat.FINGERPRINT_EXPECTED);
            }
        }
        return new ClusterInventory(connectors);
    }
}

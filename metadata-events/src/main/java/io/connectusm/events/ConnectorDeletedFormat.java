package io.connectusm.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@link PayloadFormat} of {@link ConnectorDeleted}: {@code {"name": …}}, plus the optional {@code actor} object of
 * the snapshot's format ({@link ConnectorSnapshotFormat#ACTOR_SHAPE}), left out when there is none, so a deletion
 * without one is written exactly as before the field existed.
 */
final class ConnectorDeletedFormat implements PayloadFormat {

    static final String NAME = "name";

    private static final Shape.Fields SHAPE = Shape.fields(NAME, Shape.SCALAR,
            ConnectorSnapshotFormat.ACTOR, ConnectorSnapshotFormat.ACTOR_SHAPE);

    @Override
    public Shape.Fields shape() {
        return SHAPE;
    }

    @Override
    public ObjectNode write(EventPayload payload, JsonNodeFactory nodes) {
        ConnectorDeleted deleted = (ConnectorDeleted) payload;
        ObjectNode data = nodes.objectNode().put(NAME, deleted.name());
        if (deleted.actor() != null) {
            ConnectorSnapshotFormat.writeActor(deleted.actor(), data.putObject(ConnectorSnapshotFormat.ACTOR));
        }
        return data;
    }

    @Override
    public EventPayload read(NodeReader data) {
        String name = data.requiredString(NAME);
        return new ConnectorDeleted(name, ConnectorSnapshotFormat.readActor(data));
    }
}

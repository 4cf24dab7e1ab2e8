package io.connectusm.events;

import java.io.IOException;

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
    public void write(EventPayload payload, DataWriter out) throws IOException {
        ConnectorDeleted deleted = (ConnectorDeleted) payload;
        out.string(NAME, deleted.name());
        if (deleted.actor() != null) {
            out.object(ConnectorSnapshotFormat.ACTOR, deleted.actor(), ConnectorSnapshotFormat::writeActor);
        }
    }

    @Override
    public EventPayload read(NodeReader data) {
        String name = data.requiredString(NAME);
        return new ConnectorDeleted(name, ConnectorSnapshotFormat.readActor(data));
    }
}

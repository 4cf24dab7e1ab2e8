package io.connectusm.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@link PayloadFormat} of {@link ConnectorDeleted}: {@code {"name": …}}. */
final class ConnectorDeletedFormat implements PayloadFormat {

    static final String NAME = "name";

    private static final Shape.Fields SHAPE = Shape.fields(NAME, Shape.SCALAR);

    @Override
    public Shape.Fields shape() {
        return SHAPE;
    }

    @Override
    public ObjectNode write(EventPayload payload, JsonNodeFactory nodes) {
        return nodes.objectNode().put(NAME, ((ConnectorDeleted) payload).name());
    }

    @Override
    public EventPayload read(NodeReader data) {
        return new ConnectorDeleted(data.requiredString(NAME));
    }
}

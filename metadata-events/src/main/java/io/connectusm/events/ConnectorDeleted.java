package io.connectusm.events;

import java.util.Objects;

/**
 * A connector was deleted from its Connect cluster. Travels with the connector name as the event's
 * {@code subject}. Immutable and thread-safe.
 *
 * @param name the connector name, not empty
 */
public record ConnectorDeleted(String name) implements EventPayload {

    public ConnectorDeleted {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("connector name must not be empty");
        }
    }

    @Override
    public EventType type() {
        return EventType.CONNECTOR_DELETED;
    }
}

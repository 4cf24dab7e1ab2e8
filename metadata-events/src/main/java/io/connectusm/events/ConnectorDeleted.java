package io.connectusm.events;

import java.util.Objects;

/**
 * A connector was deleted from its Connect cluster. Travels with the connector name as the event's
 * {@code subject}. A value class (equal when the names are equal). Immutable and thread-safe.
 */
public final class ConnectorDeleted extends EventPayload {

    private final String name;

    /** @param name the connector name, not empty */
    public ConnectorDeleted(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("connector name must not be empty");
        }
        this.name = name;
    }

    /** The connector name. */
    public String name() {
        return name;
    }

    @Override
    public EventType type() {
        return EventType.CONNECTOR_DELETED;
    }

    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof ConnectorDeleted && name.equals(((ConnectorDeleted) other).name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "ConnectorDeleted[name=" + name + "]";
    }
}

package io.connectusm.events;

import java.util.Objects;

/**
 * A connector was deleted from its Connect cluster. Travels with the connector name as the event's
 * {@code subject}, and, when a REST {@code DELETE} of the worker that reports it caused it, with the
 * {@link ChangeActor} of that call (optional: absent for a deletion the worker found otherwise, e.g. the config
 * topic's tombstone of a deletion made through another worker, and from emitters older than this field). A value
 * class (equal when the name and the actor are equal). Immutable and thread-safe.
 */
public final class ConnectorDeleted extends EventPayload {

    private final String name;
    private final ChangeActor actor;

    /** A deletion no REST call of this worker is known to have caused. @param name the connector name, not empty */
    public ConnectorDeleted(String name) {
        this(name, null);
    }

    /**
     * @param name  the connector name, not empty
     * @param actor who deleted it through the Connect REST API, or {@code null}
     */
    public ConnectorDeleted(String name, ChangeActor actor) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("connector name must not be empty");
        }
        this.name = name;
        this.actor = actor;
    }

    /** The connector name. */
    public String name() {
        return name;
    }

    /** Who deleted the connector through the Connect REST API, or {@code null} when not known. */
    public ChangeActor actor() {
        return actor;
    }

    @Override
    public EventType type() {
        return EventType.CONNECTOR_DELETED;
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (!(other instanceof ConnectorDeleted)) {
            return false;
        }
        ConnectorDeleted that = (ConnectorDeleted) other;
        return name.equals(that.name) && Objects.equals(actor, that.actor);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Objects.hashCode(actor);
    }

    @Override
    public String toString() {
        return "ConnectorDeleted[name=" + name + (actor == null ? "" : ", actor=" + actor) + "]";
    }
}

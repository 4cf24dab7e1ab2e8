package io.connectusm.endpoint.store;

import io.connectusm.events.ChangeCause;

/**
 * What a history row records. The kinds a snapshot can cause are the wire's {@link ChangeCause}s (the endpoint
 * decides them itself, by comparing with what it stored, since an event's own cause may describe a change the
 * endpoint never saw); {@link #DELETED} is the one kind no snapshot carries. Stored and served by name.
 */
public enum HistoryKind {
    CREATED(ChangeCause.CREATED),
    CONFIG_UPDATED(ChangeCause.CONFIG_UPDATED),
    STATE_CHANGED(ChangeCause.STATE_CHANGED),
    TASKS_CHANGED(ChangeCause.TASKS_CHANGED),
    DELETED(null);

    private final ChangeCause cause;

    HistoryKind(ChangeCause cause) {
        this.cause = cause;
    }

    /** The history kind of a change a snapshot makes; {@code RESYNC} is no change and has none. */
    static HistoryKind of(ChangeCause cause) {
        for (HistoryKind kind : values()) {
            if (kind.cause == cause && cause != null) {
                return kind;
            }
        }
        throw new IllegalArgumentException(cause + " changes nothing and has no history kind");
    }
}

package io.connectusm.events;

/** Why a {@link ConnectorSnapshot} was emitted. Travels as the constant's name, e.g. {@code "CONFIG_UPDATED"}. */
public enum ChangeCause {
    /** The connector was seen for the first time. */
    CREATED,
    /** Its (masked) configuration changed: the fingerprint differs. */
    CONFIG_UPDATED,
    /** The connector's own state or worker changed. */
    STATE_CHANGED,
    /** A task's state or worker changed, or the number of tasks. */
    TASKS_CHANGED,
    /** Nothing changed: a periodic full resync so every hop converges. */
    RESYNC;
}

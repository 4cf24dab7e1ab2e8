package io.connectusm.netty;

/**
 * Told each time a handler of this package closes a connection, e.g. to count it on a metric by reason. Called on
 * the channel's event loop: an implementation must be thread-safe and must not block.
 */
@FunctionalInterface
public interface CloseListener {

    /** A listener that does nothing. */
    CloseListener NONE = reason -> { };

    /** The handler is closing a connection for {@code reason}. */
    void closing(CloseReason reason);
}

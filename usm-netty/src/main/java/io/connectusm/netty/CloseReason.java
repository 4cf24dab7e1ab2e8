package io.connectusm.netty;

/** Why a handler of this package closed a connection. Immutable. */
public enum CloseReason {
    /** The peer's address already had the most connections allowed. */
    TOO_MANY_CONNECTIONS,
    /** The peer's address already had the most connections allowed in their TLS handshake. */
    TOO_MANY_HANDSHAKES,
    /** A request did not arrive whole within the request deadline. */
    REQUEST_TIMEOUT,
    /** The idle handler before reported the connection idle. */
    IDLE
}

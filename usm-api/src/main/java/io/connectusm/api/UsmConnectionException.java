package io.connectusm.api;

/**
 * No answer from the endpoint: the connection was refused, TLS failed, the request timed out or the thread was
 * interrupted. The message names the base URL and what failed, never a credential. Immutable.
 */
public final class UsmConnectionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of failure, so callers can say what to do (e.g. trust the endpoint's CA after a TLS failure). */
    public enum Reason { REFUSED, TLS, TIMEOUT, IO, INTERRUPTED }

    private final Reason reason;

    UsmConnectionException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

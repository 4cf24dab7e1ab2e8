package io.connectusm.agent.spool;

/**
 * The spool cannot take a batch now (its byte limit or its commit queue is full): the sender should retry
 * later (503 with {@code Retry-After}). Nothing was stored. Carries no stack trace: it is flow control.
 */
public final class SpoolFullException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SpoolFullException(String message) {
        super(message, null, false, false);
    }
}

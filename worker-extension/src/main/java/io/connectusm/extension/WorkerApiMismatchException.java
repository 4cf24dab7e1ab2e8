package io.connectusm.extension;

/**
 * The worker lacks a piece of the Connect API the extension needs (an unknown JAX-RS namespace, a
 * {@code ConnectClusterState} method it does not implement): the extension stays off, the worker runs. The
 * message names what is missing; it never holds a config value.
 */
final class WorkerApiMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WorkerApiMismatchException(String message) {
        super(message);
    }
}

package io.connectusm.agent.ingest;

/**
 * How the data plane answers one POST: a status, a message for error bodies, and for 503 a Retry-After.
 * Immutable.
 *
 * @param status            the HTTP status
 * @param message           the error message (empty for 204); never contains a value from the input
 * @param retryAfterSeconds the Retry-After value, or 0 for none
 */
record IngestOutcome(int status, String message, int retryAfterSeconds) {

    static final IngestOutcome ACCEPTED = new IngestOutcome(204, "", 0);

    static IngestOutcome error(int status, String message) {
        return new IngestOutcome(status, message, 0);
    }
}

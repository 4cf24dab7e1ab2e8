package io.connectusm.extension;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides how loudly a failed full read is logged. While the herder rebalances — after every create or delete
 * on a one-worker cluster, whenever a worker joins or leaves — it refuses reads ({@code RebalanceNeededException},
 * surfaced by {@code ConnectClusterState} as {@code ConnectException: Failed to retrieve list of connectors}); the
 * next pass retries, so that is normal operation and logged at DEBUG. A rebalance that keeps the reads failing
 * for {@link #REBALANCE_WARN_AFTER} is not, and any other failure is not either: those are WARNs, and the first
 * success after a WARN is logged at INFO so the operator sees the problem end.
 *
 * <p>Confined to the observer thread. Only the exception's types and messages are logged; they come from the
 * worker and carry no connector config.
 */
final class ReconcileFailures {

    private static final Logger log = LoggerFactory.getLogger(ReconcileFailures.class);

    /**
     * How long rebalance failures stay quiet: Connect's default {@code rebalance.timeout.ms} (60 s), the longest a
     * healthy rebalance waits for a member to rejoin. Longer means a member is stuck, which an operator should see.
     */
    static final Duration REBALANCE_WARN_AFTER = Duration.ofSeconds(60);
    /** The worker's exception for "a rebalance is expected"; in connect-runtime, which we do not compile against. */
    private static final String REBALANCE_NEEDED = "RebalanceNeededException";

    private int consecutive;
    private Instant firstFailure;
    private Instant lastWarning;

    /** A full read failed with {@code error} at {@code now}; it is retried {@code retryIn} later. */
    void failed(Throwable error, Instant now, Duration retryIn) {
        consecutive++;
        if (firstFailure == null) {
            firstFailure = now;
        }
        if (!isRebalance(error)) {
            warn(now, "Connector metadata reconcile failed, retrying in {}: {}", retryIn, describe(error));
            return;
        }
        Duration failingFor = Duration.between(firstFailure, now);
        boolean warnDue = !failingFor.minus(REBALANCE_WARN_AFTER).isNegative()
                && (lastWarning == null || !Duration.between(lastWarning, now).minus(REBALANCE_WARN_AFTER).isNegative());
        if (warnDue) {
            warn(now, "Connector metadata reconcile has failed {} times in a row for {} s because the worker is "
                    + "rebalancing; retrying in {}: {}", consecutive, failingFor.toSeconds(), retryIn,
                    describe(error));
        } else {
            log.debug("Connector metadata reconcile deferred, the worker is rebalancing; retrying in {}: {}", retryIn,
                    describe(error));
        }
    }

    /** A full read succeeded: ends a run of failures. */
    void succeeded() {
        if (lastWarning != null) {
            log.info("Connector metadata reconcile works again after {} failed attempts", consecutive);
        }
        consecutive = 0;
        firstFailure = null;
        lastWarning = null;
    }

    private void warn(Instant now, String format, Object... arguments) {
        log.warn(format, arguments);
        lastWarning = now;
    }

    /** The type and message of the error and of each cause: the herder's reason is in the innermost one. */
    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error));
        int depth = 0;
        for (Throwable cause = error == null ? null : error.getCause(); cause != null && depth++ < 8;
             cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }

    /** Whether the herder refused because a rebalance is under way (anywhere in the cause chain). */
    static boolean isRebalance(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (REBALANCE_NEEDED.equals(t.getClass().getSimpleName())) {
                return true;
            }
        }
        return false;
    }
}

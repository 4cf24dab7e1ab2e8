package io.connectusm.extension;

import io.connectusm.testkit.LogCapture;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.distributed.RebalanceNeededException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How loudly failed full reads are logged, with the exceptions the worker really throws: the herder's
 * {@link RebalanceNeededException} wrapped as {@code ConnectClusterStateImpl.connectors()} wraps it.
 */
class ReconcileFailuresTest {

    private static final Duration INTERVAL = Duration.ofSeconds(3);
    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
    private static final String LOGGER = ReconcileFailures.class.getName();

    /** What the worker's {@code ConnectClusterState} throws while its herder rebalances. */
    private static ConnectException rebalancing() {
        return new ConnectException("Failed to retrieve list of connectors", new ExecutionException(
                new RebalanceNeededException("Request cannot be completed because a rebalance is expected")));
    }

    private static List<String> ours(LogCapture logs, String level) {
        return logs.lines().stream().filter(line -> line.startsWith(level + " " + LOGGER)).toList();
    }

    @Test
    void logsAFailureCausedByARebalanceAtDebugOnly() {
        ReconcileFailures failures = new ReconcileFailures();
        try (LogCapture logs = new LogCapture()) {
            failures.failed(rebalancing(), T0, INTERVAL);
            failures.failed(rebalancing(), T0.plusSeconds(3), INTERVAL);
            failures.succeeded();

            assertThat(ours(logs, "WARN")).isEmpty();
            assertThat(ours(logs, "INFO")).isEmpty();
            assertThat(ours(logs, "DEBUG")).hasSize(2)
                    .allMatch(line -> line.contains("rebalancing") && line.contains("Failed to retrieve list"));
        }
    }

    @Test
    void warnsWhenARebalanceKeepsReadsFailingAndSaysWhenItEnds() {
        ReconcileFailures failures = new ReconcileFailures();
        try (LogCapture logs = new LogCapture()) {
            Instant now = T0;
            // Every 3 s for 2.5 minutes: the first WARN at 60 s, then one per further 60 s.
            for (int i = 0; i <= 50; i++) {
                failures.failed(rebalancing(), now, INTERVAL);
                now = now.plus(INTERVAL);
            }
            failures.succeeded();

            assertThat(ours(logs, "WARN")).hasSize(2);
            assertThat(ours(logs, "WARN").get(0)).contains("21 times in a row for 60 s", "rebalancing");
            assertThat(ours(logs, "INFO")).singleElement().asString().contains("after 51 failed attempts");
        }
    }

    @Test
    void warnsAtOnceForAFailureThatIsNoRebalance() {
        ReconcileFailures failures = new ReconcileFailures();
        try (LogCapture logs = new LogCapture()) {
            failures.failed(new ConnectException("Failed to retrieve list of connectors",
                    new TimeoutException("herder busy")), T0, INTERVAL);

            assertThat(ours(logs, "WARN")).singleElement().asString()
                    .contains("reconcile failed, retrying in PT3S", "herder busy");
        }
    }

    @Test
    void aSuccessStartsTheCountAgain() {
        ReconcileFailures failures = new ReconcileFailures();
        try (LogCapture logs = new LogCapture()) {
            // Rebalances 50 s apart, each over by the next pass: never 60 s in a row.
            for (int i = 0; i < 5; i++) {
                failures.failed(rebalancing(), T0.plusSeconds(50L * i), INTERVAL);
                failures.succeeded();
            }
            assertThat(ours(logs, "WARN")).isEmpty();
        }
    }
}

package io.connectusm.agent.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.connectusm.agent.ManualTicker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shutdown drain, on a ticker the test moves: no wall time is involved in what is asserted. */
class InFlightRequestsTest {

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private final ManualTicker ticker = new ManualTicker();
    private final InFlightRequests inFlight = new InFlightRequests(ticker);

    private CompletableFuture<Boolean> drainInBackground() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return inFlight.drain(SHUTDOWN_TIMEOUT);
            } catch (InterruptedException e) {
                throw new CompletionException(e);
            }
        });
    }

    @Test
    void drainReturnsAtOnceWhenNothingIsInFlight() throws Exception {
        assertThat(inFlight.drain(SHUTDOWN_TIMEOUT)).isTrue();
        assertThat(inFlight.draining()).isTrue();
    }

    @Test
    void drainWaitsForTheLastRequestToEnd() throws Exception {
        inFlight.begin();
        inFlight.begin();
        CompletableFuture<Boolean> drained = drainInBackground();
        await("drain started").atMost(Duration.ofSeconds(10)).until(inFlight::draining);
        inFlight.end();
        // One request is still in flight and the ticker has not moved: the drain cannot have finished.
        assertThat(drained).isNotDone();
        inFlight.end();
        assertThat(drained.get(10, TimeUnit.SECONDS)).as("every request finished in time").isTrue();
    }

    @Test
    void drainGivesUpWhenTheTickerPassesTheDeadline() throws Exception {
        inFlight.begin();
        CompletableFuture<Boolean> drained = drainInBackground();
        await("drain started").atMost(Duration.ofSeconds(10)).until(inFlight::draining);
        ticker.advance(SHUTDOWN_TIMEOUT.minusMillis(1));
        assertThat(drained).as("1 ms before the deadline").isNotDone();
        ticker.advance(Duration.ofMillis(1));
        assertThat(drained.get(10, TimeUnit.SECONDS)).as("a request still in flight at the deadline").isFalse();
        assertThat(inFlight.count()).isEqualTo(1);
    }
}

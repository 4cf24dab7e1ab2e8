package io.connectusm.agent.forward;

import java.time.Duration;

/**
 * How the forwarder sends. Immutable.
 *
 * @param batchMaxEvents most events per POST
 * @param backoffInitial first retry delay
 * @param backoffMax     longest retry delay
 */
public record ForwardSettings(int batchMaxEvents, Duration backoffInitial, Duration backoffMax) {
}

package io.connectusm.endpoint.api;

import java.time.Clock;
import java.time.Duration;

/**
 * The limits the {@code usm/v1} resources enforce on what agents send, as one immutable value.
 *
 * @param eventsMaxFuture     how far after the endpoint's clock an event may be dated (else the batch gets 400)
 * @param sightingsPerRequest most sightings one report may carry (else 413)
 * @param clock               the endpoint's clock
 */
public record ApiLimits(Duration eventsMaxFuture, int sightingsPerRequest, Clock clock) {

    /** The defaults of {@code EndpointConfig}, on the system clock. */
    public static final ApiLimits DEFAULTS = new ApiLimits(Duration.ofMinutes(5), 100, Clock.systemUTC());
}

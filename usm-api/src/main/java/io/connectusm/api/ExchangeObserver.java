package io.connectusm.api;

import java.net.URI;
import java.time.Duration;

/**
 * Sees every HTTP exchange of a {@link UsmApiClient} after it ends, for a caller's tracing ({@code usm -vvvv}):
 * method, URI (the query holds no secret), status ({@code -1} when no answer came) and duration. Never sees a
 * header or a body, so it cannot leak a credential or an API key's secret. Implementations must be thread-safe
 * and fast; an exception thrown by one is ignored.
 */
@FunctionalInterface
public interface ExchangeObserver {

    /** Observes nothing. */
    ExchangeObserver NONE = (method, uri, status, took) -> {
    };

    void exchanged(String method, URI uri, int status, Duration took);
}

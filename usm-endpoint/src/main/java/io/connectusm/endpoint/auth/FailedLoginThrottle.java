package io.connectusm.endpoint.auth;

import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.connectusm.endpoint.http.UsmApiException;

/**
 * Throttles password guessing per source address with a token bucket: each check of a secret by the slow hash
 * takes a token, a successful one gives it back, and a bucket refills at a steady rate up to its burst. A source
 * whose bucket is empty gets 429 with {@code Retry-After} <em>before</em> the slow hash runs, so guessing costs
 * the endpoint nothing once throttled. Requests answered from the verification cache (a known key with its right
 * secret) never reach the throttle, so agents behind the same address keep working.
 *
 * <p>The source is the socket's remote address: behind a proxy every client shares the proxy's bucket (the
 * endpoint trusts no forwarding header). Memory is bounded: beyond {@link #MAX_SOURCES} tracked sources, full
 * buckets are forgotten first. Thread-safe.
 */
public final class FailedLoginThrottle {

    static final int MAX_SOURCES = 10_000;

    private final double burst;
    private final double perMilli;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param burst     failures a fresh source may make in a row
     * @param perMinute failures per minute it regains afterwards
     */
    public FailedLoginThrottle(int burst, int perMinute, Clock clock) {
        this.burst = burst;
        this.perMilli = perMinute / 60_000.0;
        this.clock = clock;
    }

    /** Takes a token for one slow check from {@code source}; a 429 when its bucket is empty. */
    public void acquire(String source) {
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(key(source), k -> new Bucket(burst, now));
        long waitMillis;
        synchronized (bucket) {
            bucket.refill(now, burst, perMilli);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                trim();
                return;
            }
            waitMillis = (long) Math.ceil((1 - bucket.tokens) / perMilli);
        }
        int seconds = (int) Math.max(1, (waitMillis + 999) / 1000);
        throw UsmApiException.tooManyRequests("too many failed logins from this address; retry in " + seconds
                + " s", seconds);
    }

    /** The check of {@code source} succeeded: its token comes back. */
    public void succeeded(String source) {
        Bucket bucket = buckets.get(key(source));
        if (bucket != null) {
            synchronized (bucket) {
                bucket.tokens = Math.min(burst, bucket.tokens + 1);
            }
        }
    }

    private static String key(String source) {
        return source == null ? "" : source;
    }

    private void trim() {
        if (buckets.size() <= MAX_SOURCES) {
            return;
        }
        long now = clock.millis();
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext() && buckets.size() > MAX_SOURCES; ) {
            Bucket b = it.next();
            synchronized (b) {
                b.refill(now, burst, perMilli);
                if (b.tokens >= burst) {
                    it.remove();
                }
            }
        }
    }

    /** One source's tokens; guarded by its own monitor. */
    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        void refill(long now, double burst, double perMilli) {
            if (now > at) {
                tokens = Math.min(burst, tokens + (now - at) * perMilli);
                at = now;
            }
        }
    }
}

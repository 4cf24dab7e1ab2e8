package io.connectusm.extension;

import io.connectusm.events.ChangeActor;

/**
 * Reads the actor of one answered REST call ({@link RestExchange}): the authenticated principal (set by the
 * worker's security extension, e.g. Kafka's {@code BasicAuthSecurityRestExtension}), the client address and
 * {@code X-Forwarded-For} (unless turned off for privacy), the {@code User-Agent}, the call itself, and whether
 * another worker forwarded it.
 *
 * <p>Connect forwards a call that only the leader may serve with a {@code forward=} query parameter and copies only
 * the {@code Authorization} header ({@code RestClient}): on the leader the principal is authenticated again and is
 * still the original requester's, but the address is the forwarding worker's and the User-Agent Jetty's, so for a
 * forwarded call those are not recorded. The worker that received the original call reports the same change with
 * them. Stateless; every value is cut to {@value #MAX_CHARS} characters.
 */
final class RestActor {

    static final int MAX_CHARS = 256;
    static final String FORWARD_PARAMETER = "forward";
    static final String USER_AGENT = "User-Agent";
    static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private RestActor() {
    }

    /**
     * The actor of {@code exchange}.
     *
     * @param recordAddress whether to record the client address and {@code X-Forwarded-For}
     */
    static ChangeActor of(RestExchange exchange, boolean recordAddress) {
        boolean forwarded = exchange.queryParameter(FORWARD_PARAMETER) != null;
        boolean direct = !forwarded;
        return new ChangeActor(
                cut(exchange.principal()),
                direct && recordAddress ? cut(exchange.clientAddress()) : null,
                direct && recordAddress ? cut(exchange.requestHeader(X_FORWARDED_FOR)) : null,
                direct ? cut(exchange.requestHeader(USER_AGENT)) : null,
                cut(exchange.method() + " /" + String.join("/", exchange.pathSegments())),
                forwarded);
    }

    private static String cut(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() <= MAX_CHARS) {
            return trimmed;
        }
        // Never split a surrogate pair: the wire refuses a lone surrogate.
        int end = Character.isHighSurrogate(trimmed.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return trimmed.substring(0, end);
    }
}

package io.connectusm.extension;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One REST call the worker has answered, as plain values: what {@link RestChangeInterpreter} needs to tell
 * whether (and which) connectors it changed, with no JAX-RS type in it, so one core serves the
 * {@code jakarta.ws.rs} (Kafka 4.x) and the {@code javax.ws.rs} (Kafka 3.9) adapters alike.
 *
 * <p>Built by an adapter with {@link #builder(String)}; a value the core needs later (the caller's principal, its
 * address) is one more builder method, and every request header (User-Agent, X-Forwarded-For) is already
 * reachable through {@link #requestHeader(String)}, so the adapters keep their shape. Immutable; built and read on
 * one REST thread.
 */
final class RestExchange {

    private final String method;
    private final List<String> pathSegments;
    private final int status;
    private final URI location;
    private final Object entity;
    private final URI baseUri;
    private final Function<String, String> requestHeaders;
    private final Function<String, String> queryParameters;
    private final String principal;
    private final String clientAddress;

    private RestExchange(Builder builder) {
        this.method = builder.method;
        this.pathSegments = List.copyOf(builder.pathSegments);
        this.status = builder.status;
        this.location = builder.location;
        this.entity = builder.entity;
        this.baseUri = builder.baseUri;
        this.requestHeaders = builder.requestHeaders;
        this.queryParameters = builder.queryParameters;
        this.principal = builder.principal;
        this.clientAddress = builder.clientAddress;
    }

    /** A builder for a call with this HTTP method ({@code GET}, {@code POST}, …). */
    static Builder builder(String method) {
        return new Builder(method);
    }

    /** The HTTP method, upper case. */
    String method() {
        return method;
    }

    /** The request path relative to the REST base URI, split into decoded segments ({@code connectors}, a name, …). */
    List<String> pathSegments() {
        return pathSegments;
    }

    /** The response status. */
    int status() {
        return status;
    }

    /** The response's {@code Location} header, or {@code null}. */
    URI location() {
        return location;
    }

    /** The response body before serialisation (Connect's own entity class), or {@code null}. Holds secrets. */
    Object entity() {
        return entity;
    }

    /** The base URI the request was served under (this worker's REST listener), or {@code null}. */
    URI baseUri() {
        return baseUri;
    }

    /** The first value of a request header, or {@code null}. */
    String requestHeader(String name) {
        return requestHeaders.apply(name);
    }

    /** The first value of a query parameter, or {@code null}. */
    String queryParameter(String name) {
        return queryParameters.apply(name);
    }

    /** The name of the principal the worker's security extension authenticated, or {@code null}. */
    String principal() {
        return principal;
    }

    /** The address the call came from (the servlet's remote address), or {@code null}. */
    String clientAddress() {
        return clientAddress;
    }

    /** Collects the values of one call; not thread-safe. */
    static final class Builder {
        private final String method;
        private List<String> pathSegments = List.of();
        private int status;
        private URI location;
        private Object entity;
        private URI baseUri;
        private Function<String, String> requestHeaders = name -> null;
        private Function<String, String> queryParameters = name -> null;
        private String principal;
        private String clientAddress;

        private Builder(String method) {
            this.method = Objects.requireNonNull(method, "method");
        }

        Builder pathSegments(List<String> segments) {
            this.pathSegments = segments;
            return this;
        }

        Builder status(int status) {
            this.status = status;
            return this;
        }

        Builder location(URI location) {
            this.location = location;
            return this;
        }

        Builder entity(Object entity) {
            this.entity = entity;
            return this;
        }

        Builder baseUri(URI baseUri) {
            this.baseUri = baseUri;
            return this;
        }

        /** Looks a request header up by name (first value, or {@code null}); read only when the core asks. */
        Builder requestHeaders(Function<String, String> lookup) {
            this.requestHeaders = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /** Looks a query parameter up by name (first value, or {@code null}); read only when the core asks. */
        Builder queryParameters(Function<String, String> lookup) {
            this.queryParameters = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /** The authenticated principal, or {@code null}; only its name is kept. */
        Builder principal(java.security.Principal principal) {
            this.principal = principal == null ? null : principal.getName();
            return this;
        }

        Builder clientAddress(String address) {
            this.clientAddress = address;
            return this;
        }

        RestExchange build() {
            return new RestExchange(this);
        }
    }
}

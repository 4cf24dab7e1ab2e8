package io.connectusm.endpoint.api;

import java.util.Map;

import io.connectusm.endpoint.auth.Principal;
import io.connectusm.endpoint.http.ApiRequest;

/**
 * One routed request as a handler sees it: the request, the authenticated caller, and the path's parameters by
 * the names the route table gave them. Immutable.
 *
 * @param request the request
 * @param caller  who sent it (already authenticated and admitted by the route's {@link Access}); {@code null} on
 *                a {@link Access#PUBLIC} route
 * @param params  the path parameters, decoded
 */
public record Call(ApiRequest request, Principal caller, Map<String, String> params) {

    public Call {
        params = Map.copyOf(params);
    }

    /** A path parameter the route declares. */
    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalStateException("the route declares no parameter " + name);
        }
        return value;
    }

    /** The first value of a query parameter, or {@code null}. */
    public String query(String name) {
        return request.queryParam(name);
    }

    public byte[] body() {
        return request.body();
    }
}

package io.connectusm.endpoint.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.connectusm.endpoint.http.ApiRequest;
import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.ErrorResponses;
import io.connectusm.endpoint.http.UsmApiException;

/**
 * The declarative route table: method + path pattern → handler + the keys it admits, plus <em>areas</em>, path
 * prefixes whose every path (known or not) needs a role before anything else is looked at. A request resolves to
 * the route whose pattern matches its decoded path segments: none matches → 404; the path matches but not the
 * method → 405. <em>Surfaces</em> say, per path prefix (the longest declared one wins), which body media types a
 * state-changing request may have, whether callers authenticate with the console's session cookie (instead of
 * basic credentials), and how failures are rendered
 * (the API's JSON by default, the console's HTML pages). Immutable and thread-safe once built.
 */
public final class RouteTable {

    /** Media type of the API's JSON bodies. */
    public static final String JSON = "application/json";

    /** How a surface renders a failure of a request under it. */
    @FunctionalInterface
    public interface ErrorPages {
        ApiResponse render(ApiRequest request, UsmApiException failure);
    }

    /**
     * The rules of the paths under {@code prefix}.
     *
     * @param bodyTypes media types a state-changing request's body may have (anything else: 415)
     * @param sessions  whether the console session cookie authenticates, and only it (else basic credentials)
     * @param errors    how failures are rendered
     */
    record Surface(PathPattern prefix, Set<String> bodyTypes, boolean sessions, ErrorPages errors) {
    }

    /** Paths under no declared surface: JSON bodies, basic credentials, JSON errors. */
    static final Surface API = new Surface(PathPattern.parse("/"), Set.of(JSON), false,
            (request, failure) -> ErrorResponses.toResponse(failure));

    /** A path prefix all of whose requests need {@code access} ("managing API keys needs …"). */
    record Area(PathPattern prefix, Access access, String action) {
    }

    /** A resolved request: its route and the path's parameters. */
    record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes;
    private final List<Area> areas;
    private final List<Surface> surfaces;

    private RouteTable(List<Route> routes, List<Area> areas, List<Surface> surfaces) {
        this.routes = List.copyOf(routes);
        this.areas = List.copyOf(areas);
        this.surfaces = surfaces.stream()
                .sorted((a, b) -> Integer.compare(b.prefix().length(), a.prefix().length())).toList();
    }

    /** The surface a request lies in: the one with the longest matching prefix, else {@link #API}. */
    Surface surfaceOf(ApiRequest request) {
        List<String> segments = request.segments();
        return surfaces.stream().filter(s -> s.prefix().isPrefixOf(segments)).findFirst().orElse(API);
    }

    /** The public route (no credentials needed) a request resolves to, if any. */
    Optional<Match> publicRoute(ApiRequest request) {
        List<String> segments = request.segments();
        for (Route route : routes) {
            if (route.access() == Access.PUBLIC && route.method().equals(request.method())) {
                Map<String, String> params = route.path().match(segments);
                if (params != null) {
                    return Optional.of(new Match(route, params));
                }
            }
        }
        return Optional.empty();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The area a request lies in, if any. */
    Optional<Area> areaOf(ApiRequest request) {
        List<String> segments = request.segments();
        return areas.stream().filter(a -> a.prefix().isPrefixOf(segments)).findFirst();
    }

    /** The route of a request; a 404 or 405 that says why there is none. */
    Match resolve(ApiRequest request) {
        List<String> segments = request.segments();
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> params = route.path().match(segments);
            if (params != null) {
                if (route.method().equals(request.method())) {
                    return new Match(route, params);
                }
                pathKnown = true;
            }
        }
        if (pathKnown) {
            throw UsmApiException.methodNotAllowed(request.method(), request.path());
        }
        throw UsmApiException.notFound("no such resource: " + request.path());
    }

    /** Every route, in the order declared (for docs and tests). */
    List<Route> routes() {
        return routes;
    }

    /** Collects routes; one builder feeds the {@code usm/v1} API's and the web console's. Not thread-safe. */
    public static final class Builder {

        private final List<Route> routes = new ArrayList<>();
        private final List<Area> areas = new ArrayList<>();
        private final List<Surface> surfaces = new ArrayList<>();
        private final Set<String> declared = new HashSet<>();

        private Builder() {
        }

        /** A GET any valid key may call. */
        public Builder get(String path, RouteHandler handler) {
            return add("GET", path, Access.ANY_KEY, null, handler);
        }

        public Builder get(String path, Access access, String action, RouteHandler handler) {
            return add("GET", path, access, action, handler);
        }

        /** A POST any valid key may call. */
        public Builder post(String path, RouteHandler handler) {
            return add("POST", path, Access.ANY_KEY, null, handler);
        }

        public Builder post(String path, Access access, String action, RouteHandler handler) {
            return add("POST", path, access, action, handler);
        }

        public Builder delete(String path, Access access, String action, RouteHandler handler) {
            return add("DELETE", path, access, action, handler);
        }

        /** Every path under {@code prefix} needs {@code access}, checked before its route is looked up. */
        public Builder area(String prefix, Access access, String action) {
            areas.add(new Area(PathPattern.parse(prefix), access, action));
            return this;
        }

        /** The rules of every path under {@code prefix} (see {@link Surface}). */
        public Builder surface(String prefix, Set<String> bodyTypes, boolean sessions, ErrorPages errors) {
            surfaces.add(new Surface(PathPattern.parse(prefix), Set.copyOf(bodyTypes), sessions, errors));
            return this;
        }

        /** Paths under {@code prefix} follow the API's rules but accept {@code bodyTypes} as bodies. */
        public Builder apiBodies(String prefix, Set<String> bodyTypes) {
            return surface(prefix, bodyTypes, false, API.errors());
        }

        private Builder add(String method, String path, Access access, String action, RouteHandler handler) {
            if (!declared.add(method + " " + path)) {
                throw new IllegalStateException("route declared twice: " + method + " " + path);
            }
            routes.add(new Route(method, PathPattern.parse(path), access, action, handler));
            return this;
        }

        public RouteTable build() {
            return new RouteTable(routes, areas, surfaces);
        }
    }
}

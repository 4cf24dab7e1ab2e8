package io.connectusm.endpoint.api;

import io.connectusm.endpoint.auth.Authenticator;
import io.connectusm.endpoint.auth.Principal;
import io.connectusm.endpoint.http.ApiRequest;
import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.ErrorResponses;
import io.connectusm.endpoint.http.RequestHandler;
import io.connectusm.endpoint.http.UsmApiException;
import io.connectusm.endpoint.store.RegistrationRefusedException;
import io.connectusm.endpoint.store.StoreException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every request through the {@link RouteTable}, in this order: the {@link RequestGuard} of
 * state-changing requests (cross-origin 403, body media type 415); a public route (the login page) is served
 * right away; else authenticate the caller (401; the console's surface by its session cookie, the rest by basic
 * credentials),
 * check the area's role (403), resolve the route (404, 405), check the route's role (403), run its handler. The
 * one place that turns failures into responses: store refusals through {@link StoreFailures}, then the request's
 * surface renders it (the API's JSON, the console's HTML). Knows nothing of Netty. Thread-safe; blocking
 * (database, hashing), so the server runs it off the event loop.
 */
public final class ApiRouter implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiRouter.class);

    private final Authenticator authenticator;
    private final RouteTable routes;
    private final RequestGuard guard;

    /**
     * @param tls       whether the endpoint serves HTTPS (the scheme of its own origin)
     * @param publicUrl the configured {@code public.url}, or {@code ""}
     */
    public ApiRouter(Authenticator authenticator, RouteTable routes, boolean tls, String publicUrl) {
        this.authenticator = authenticator;
        this.routes = routes;
        this.guard = new RequestGuard(tls, publicUrl);
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        ApiResponse response;
        RouteTable.Surface surface = RouteTable.API;
        try {
            surface = routes.surfaceOf(request);
            response = route(request, surface);
        } catch (RegistrationRefusedException e) {
            response = render(surface, request, StoreFailures.toApi(e));
        } catch (StoreException e) {
            response = render(surface, request, StoreFailures.toApi(e));
        } catch (UsmApiException e) {
            response = render(surface, request, e);
        } catch (Throwable t) {
            response = ErrorResponses.toResponse(t);
        }
        log.debug("{} -> {}", request, response.status());
        return response;
    }

    private static ApiResponse render(RouteTable.Surface surface, ApiRequest request, UsmApiException failure) {
        try {
            return surface.errors().render(request, failure);
        } catch (RuntimeException e) {
            log.error("rendering the error page failed", e);
            return ErrorResponses.toResponse(failure);
        }
    }

    private ApiResponse route(ApiRequest request, RouteTable.Surface surface) {
        guard.check(request, surface.bodyTypes());
        var open = routes.publicRoute(request);
        if (open.isPresent()) {
            return open.get().route().handler().handle(new Call(request, null, open.get().params()));
        }
        Principal caller = authenticator.authenticate(request, surface.sessions());
        routes.areaOf(request).ifPresent(area -> require(area.access(), caller, area.action()));
        RouteTable.Match match = routes.resolve(request);
        require(match.route().access(), caller, match.route().action());
        return match.route().handler().handle(new Call(request, caller, match.params()));
    }

    private static void require(Access access, Principal caller, String action) {
        if (!access.permits(caller.role())) {
            throw UsmApiException.forbidden(action + " needs " + access.needs());
        }
    }
}

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
 * Serves every request through the {@link RouteTable}, in this order: authenticate the caller (401), check the
 * area's role (403), resolve the route (404, 405), check the route's role (403), run its handler. The one place
 * that turns failures into responses: store refusals through {@link StoreFailures}, the rest through
 * {@link ErrorResponses}. Knows nothing of Netty. Thread-safe; blocking (database, hashing), so the server runs
 * it off the event loop.
 */
public final class ApiRouter implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiRouter.class);

    private final Authenticator authenticator;
    private final RouteTable routes;

    public ApiRouter(Authenticator authenticator, RouteTable routes) {
        this.authenticator = authenticator;
        this.routes = routes;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        ApiResponse response;
        try {
            response = route(request);
        } catch (RegistrationRefusedException e) {
            response = ErrorResponses.toResponse(StoreFailures.toApi(e));
        } catch (StoreException e) {
            response = ErrorResponses.toResponse(StoreFailures.toApi(e));
        } catch (Throwable t) {
            response = ErrorResponses.toResponse(t);
        }
        log.debug("{} -> {}", request, response.status());
        return response;
    }

    private ApiResponse route(ApiRequest request) {
        Principal caller = authenticator.authenticate(request.authorization());
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

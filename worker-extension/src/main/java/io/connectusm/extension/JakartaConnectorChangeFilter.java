package io.connectusm.extension;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Configurable;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.PathSegment;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code jakarta.ws.rs} adapter (Kafka 4.x, Confluent Platform 8.x; Jersey 3): copies each answered REST call
 * into a {@link RestExchange} for {@link RestChangeInterpreter}. Its {@code javax.ws.rs} twin is
 * {@link JavaxConnectorChangeFilter}; keep the two alike (they differ only in the imports). Loaded only on a
 * worker whose {@code ConnectRestExtensionContext.configurable()} is a {@code jakarta.ws.rs.core.Configurable}.
 *
 * <p>Runs on the worker's REST threads; no I/O. Thread-safe; registered once in {@code register()}.
 */
final class JakartaConnectorChangeFilter implements ContainerResponseFilter {

    private final RestChangeInterpreter interpreter;

    /** The call being answered, for the client address: a per-request proxy Jersey injects into this singleton. */
    @Context
    private HttpServletRequest servletRequest;

    JakartaConnectorChangeFilter(RestChangeInterpreter interpreter) {
        this.interpreter = interpreter;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        interpreter.responded(RestExchange.builder(request.getMethod())
                .pathSegments(paths(request.getUriInfo().getPathSegments(true)))
                .status(response.getStatus())
                .location(response.getLocation())
                .entity(response.getEntity())
                .baseUri(request.getUriInfo().getBaseUri())
                .requestHeaders(request::getHeaderString)
                .queryParameters(name -> request.getUriInfo().getQueryParameters().getFirst(name))
                .principal(request.getSecurityContext() == null ? null
                        : request.getSecurityContext().getUserPrincipal())
                .clientAddress(servletRequest == null ? null : servletRequest.getRemoteAddr())
                .build());
    }

    private static List<String> paths(List<PathSegment> segments) {
        List<String> paths = new ArrayList<>(segments.size());
        for (PathSegment segment : segments) {
            paths.add(segment.getPath());
        }
        return paths;
    }

    /** Registers the filter on a {@code jakarta.ws.rs.core.Configurable}. */
    static final class Registrar implements ChangeFilterRegistrar {

        public Registrar() {
        }

        @Override
        public void register(Object configurable, RestChangeInterpreter interpreter) {
            ((Configurable<?>) configurable).register(new JakartaConnectorChangeFilter(interpreter));
        }
    }
}

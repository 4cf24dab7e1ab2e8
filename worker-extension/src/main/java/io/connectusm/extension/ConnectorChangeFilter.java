package io.connectusm.extension;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.PathSegment;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JAX-RS adapter: after every successful POST/PUT/PATCH/DELETE under {@code /connectors}, marks the connector
 * dirty in {@link ConnectorChanges} so the emitter reports it within milliseconds. Knows nothing else; the
 * core has no JAX-RS dependency (a {@code javax.ws.rs} twin of this class is all another build needs).
 *
 * <p>Runs on the worker's REST threads: it only inspects the request and marks a set, never I/O.
 * Thread-safe; registered once in {@code register()}.
 */
final class ConnectorChangeFilter implements ContainerResponseFilter {

    private static final Set<String> READ_ONLY_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String CONNECTORS = "connectors";
    private static final String CONFIG = "config";

    private final ConnectorChanges changes;
    private final WorkerIdentity identity;

    ConnectorChangeFilter(ConnectorChanges changes, WorkerIdentity identity) {
        this.changes = changes;
        this.identity = identity;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        identity.learnFrom(request.getUriInfo().getBaseUri());
        if (READ_ONLY_METHODS.contains(request.getMethod()) || response.getStatus() >= 400) {
            return;
        }
        List<PathSegment> segments = request.getUriInfo().getPathSegments(true);
        if (segments.isEmpty() || !CONNECTORS.equals(segments.get(0).getPath())) {
            return;
        }
        if (segments.size() == 2 && "DELETE".equals(request.getMethod())) {
            changes.connectorDeleted(segments.get(1).getPath());
            return;
        }
        if (segments.size() >= 2 && !segments.get(1).getPath().isEmpty()) {
            // Only PUT/PATCH /connectors/{name}/config change a config (PUT may also create); pause, resume,
            // stop, restart and offsets change state only; DELETE removes the connector.
            boolean configChanged = segments.size() == 3 && CONFIG.equals(segments.get(2).getPath());
            changes.connectorChanged(segments.get(1).getPath(), configChanged,
                    configChanged ? writtenConfig(response.getEntity()) : null);
            return;
        }
        // POST /connectors: the new connector's name is in the Location header of the 201.
        String created = lastSegment(response.getLocation());
        if (created != null) {
            changes.connectorChanged(created, true, writtenConfig(response.getEntity()));
        } else {
            changes.clusterChanged();
        }
    }

    /**
     * The config a create or config PUT/PATCH wrote, from the response body: Connect answers these with its
     * {@code ConnectorInfo} ({@code name, config, tasks, type}; also when the call was forwarded to the leader),
     * whose {@code config()} is the connector's whole config as stored. Reading it here spares the emitter a
     * config read through the herder's tick thread, which right after a config change may be blocked for a second
     * or more stopping the connector's tasks. Found by name, since that class is the worker's, not part of the
     * extension API; {@code null} when the body is anything else (the emitter then reads the config from the
     * herder). The map holds secrets: it is only handed over, never logged.
     */
    static Map<String, String> writtenConfig(Object entity) {
        if (entity == null) {
            return null;
        }
        try {
            Method config = entity.getClass().getMethod(CONFIG);
            if (!(config.invoke(entity) instanceof Map<?, ?> map)) {
                return null;
            }
            Map<String, String> copy = new HashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key) || !(entry.getValue() instanceof String value)) {
                    return null;
                }
                copy.put(key, value);
            }
            return copy.isEmpty() ? null : copy;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not Connect's ConnectorInfo: the config is read from the herder instead
        }
    }

    private static String lastSegment(URI location) {
        if (location == null || location.getPath() == null) {
            return null;
        }
        String path = location.getPath();
        int slash = path.lastIndexOf('/');
        String last = path.substring(slash + 1);
        return last.isEmpty() ? null : last;
    }
}

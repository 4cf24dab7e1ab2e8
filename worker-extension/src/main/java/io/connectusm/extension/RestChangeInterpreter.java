package io.connectusm.extension;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells from one answered REST call ({@link RestExchange}) which connectors it changed: after every successful
 * POST/PUT/PATCH/DELETE under {@code /connectors}, marks the connector dirty in {@link ConnectorChanges} so the
 * emitter reports it within milliseconds, hands over the config a create or config write answered with, and
 * records who made the call ({@link RestActor}, into {@link ChangeActors}) and teaches {@link WorkerIdentity} the
 * worker's REST base URI. Knows nothing of JAX-RS: the
 * {@link JakartaConnectorChangeFilter} and {@link JavaxConnectorChangeFilter} adapters feed it.
 *
 * <p>Runs on the worker's REST threads: it only inspects values and marks a set, never I/O, and never throws
 * (a failure here must not fail the worker's REST call: it is logged once at WARN and the call is left to the
 * reconcile pass). Thread-safe; one per extension.
 */
final class RestChangeInterpreter {

    private static final Logger log = LoggerFactory.getLogger(RestChangeInterpreter.class);

    private static final Set<String> READ_ONLY_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String CONNECTORS = "connectors";
    private static final String CONFIG = "config";

    private final ConnectorChanges changes;
    private final WorkerIdentity identity;
    private final boolean recordClientAddress;
    private final Clock clock;
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    /**
     * @param recordClientAddress whether the actor of a change keeps the client address and {@code X-Forwarded-For}
     */
    RestChangeInterpreter(ConnectorChanges changes, WorkerIdentity identity, boolean recordClientAddress,
                          Clock clock) {
        this.changes = changes;
        this.identity = identity;
        this.recordClientAddress = recordClientAddress;
        this.clock = clock;
    }

    /** An interpreter that records client addresses, on the system clock. */
    RestChangeInterpreter(ConnectorChanges changes, WorkerIdentity identity) {
        this(changes, identity, true, Clock.systemUTC());
    }

    /** Called by an adapter once the worker has answered {@code exchange}. */
    void responded(RestExchange exchange) {
        try {
            interpret(exchange);
        } catch (RuntimeException | LinkageError e) {
            if (failureLogged.compareAndSet(false, true)) {
                // The type only: the message could quote a request.
                log.warn("Cannot interpret a REST call ({}); changes are left to the reconcile pass. Logged once.",
                        e.getClass().getName());
            }
        }
    }

    private void interpret(RestExchange exchange) {
        identity.learnFrom(exchange.baseUri());
        if (READ_ONLY_METHODS.contains(exchange.method()) || exchange.status() >= 400) {
            return;
        }
        List<String> segments = exchange.pathSegments();
        if (segments.isEmpty() || !CONNECTORS.equals(segments.get(0))) {
            return;
        }
        if (segments.size() == 2 && "DELETE".equals(exchange.method())) {
            recordActor(segments.get(1), exchange); // before the deletion is reported, which carries it
            changes.connectorDeleted(segments.get(1));
            return;
        }
        if (segments.size() >= 2 && !segments.get(1).isEmpty()) {
            recordActor(segments.get(1), exchange);
            // Only PUT/PATCH /connectors/{name}/config change a config (PUT may also create); pause, resume,
            // stop, restart and offsets change state only; DELETE removes the connector.
            boolean configChanged = segments.size() == 3 && CONFIG.equals(segments.get(2));
            changes.connectorChanged(segments.get(1), configChanged,
                    configChanged ? writtenConfig(exchange.entity()) : null);
            return;
        }
        // POST /connectors: the new connector's name is in the Location header of the 201.
        String created = lastSegment(exchange.location());
        if (created != null) {
            recordActor(created, exchange);
            changes.connectorChanged(created, true, writtenConfig(exchange.entity()));
        } else {
            changes.clusterChanged();
        }
    }

    // Before the connector is marked dirty, so the snapshot the mark sets off finds its actor.
    private void recordActor(String connector, RestExchange exchange) {
        changes.actors().record(connector, RestActor.of(exchange, recordClientAddress), clock.instant());
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
            Object value = config.invoke(entity);
            if (!(value instanceof Map<?, ?>)) {
                return null;
            }
            Map<String, String> copy = new HashMap<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                if (!(entry.getKey() instanceof String) || !(entry.getValue() instanceof String)) {
                    return null;
                }
                copy.put((String) entry.getKey(), (String) entry.getValue());
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

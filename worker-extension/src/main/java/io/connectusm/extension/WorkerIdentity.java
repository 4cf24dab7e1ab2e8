package io.connectusm.extension;

import java.net.URI;
import java.util.Map;

/**
 * This worker's ID as Connect itself reports workers in connector and task states: {@code host:port} of its
 * advertised REST URL. Taken from {@code rest.advertised.host.name}/{@code rest.advertised.port}, else the
 * first of {@code listeners}; when the port is not known before binding ({@code :0}), learned from the first
 * REST request the worker serves.
 *
 * <p>Thread-safe: written by REST threads at most until learned, read by the emitter.
 */
final class WorkerIdentity {

    private final String configuredHost;
    private final boolean portKnown;
    private volatile String workerId;
    private volatile URI restBase;

    private WorkerIdentity(String host, int port, URI listenerBase) {
        this.configuredHost = host;
        this.portKnown = port > 0;
        this.workerId = host + ":" + port;
        this.restBase = listenerBase;
    }

    static WorkerIdentity fromWorkerProps(Map<String, ?> props) {
        String host = string(props.get("rest.advertised.host.name"));
        String advertisedPort = string(props.get("rest.advertised.port"));
        int port = advertisedPort == null ? -1 : parsePort(advertisedPort);
        String listeners = string(props.get("listeners"));
        URI listenerBase = null;
        if (listeners != null) {
            try {
                URI first = URI.create(listeners.split(",")[0].trim());
                if (first.getPort() > 0 && first.getScheme() != null) {
                    // The worker listens on every address when the host is empty or 0.0.0.0: loopback reaches it.
                    String listenHost = first.getHost() == null || first.getHost().isEmpty()
                            || first.getHost().equals("0.0.0.0") ? "localhost" : first.getHost();
                    listenerBase = URI.create(first.getScheme() + "://" + listenHost + ":" + first.getPort() + "/");
                }
                if (host == null && first.getHost() != null && !first.getHost().isEmpty()) {
                    host = first.getHost();
                }
                if (port < 0) {
                    port = first.getPort();
                }
            } catch (IllegalArgumentException e) {
                // The worker validates listeners itself and fails louder than we could.
            }
        }
        if (port < 0) {
            port = 8083; // Connect's default REST port
        }
        return new WorkerIdentity(host == null ? "localhost" : host, port, listenerBase);
    }

    /** Called with the base URI of a REST request this worker served. */
    void learnFrom(URI requestBaseUri) {
        if (requestBaseUri == null || requestBaseUri.getPort() <= 0) {
            return;
        }
        if (restBase == null) {
            restBase = requestBaseUri;
        }
        if (portKnown) {
            return;
        }
        String learned = configuredHost + ":" + requestBaseUri.getPort();
        if (!learned.equals(workerId)) {
            workerId = learned;
        }
    }

    String workerId() {
        return workerId;
    }

    /** The base URI of this worker's own REST API, or {@code null} while unknown. */
    URI restBase() {
        return restBase;
    }

    private static String string(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static int parsePort(String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

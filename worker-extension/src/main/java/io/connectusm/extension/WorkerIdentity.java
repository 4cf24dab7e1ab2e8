package io.connectusm.extension;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This worker's ID as Connect itself reports workers in connector and task states: {@code host:port} of its
 * advertised REST URL, computed the way Connect's {@code RestServer.advertisedUrl()} does it:
 * {@code rest.advertised.host.name}, else the host of the first of {@code listeners}, else — no host in the
 * listener, as in Connect's default {@code http://:8083} — what Jetty's {@code Server.getURI()} puts there, the
 * local host's <em>address</em> ({@code InetAddress.getLocalHost().getHostAddress()}); the port from
 * {@code rest.advertised.port}, else the listener's. When the port is not known before binding ({@code :0}),
 * it is learned from the first REST request the worker serves.
 *
 * <p>Thread-safe: written by REST threads at most until learned, read by the emitter.
 */
final class WorkerIdentity {

    /** Connect's own listener syntax ({@code RestServer}): the host may be empty, IPv6 in brackets. */
    private static final Pattern LISTENER = Pattern.compile("^(.*)://\\[?([0-9a-zA-Z\\-%._:]*)\\]?:(-?[0-9]+)");
    /** Connect's default when {@code listeners} is absent. */
    private static final String DEFAULT_LISTENER = "http://:8083";

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
        return fromWorkerProps(props, WorkerIdentity::localHostAddress);
    }

    /** @param localHost the host Connect advertises when neither the advertised host nor the listener names one */
    static WorkerIdentity fromWorkerProps(Map<String, ?> props, Supplier<String> localHost) {
        String host = string(props.get("rest.advertised.host.name"));
        String advertisedPort = string(props.get("rest.advertised.port"));
        int port = advertisedPort == null ? -1 : parsePort(advertisedPort);
        String listeners = string(props.get("listeners"));
        Matcher first = LISTENER.matcher((listeners == null ? DEFAULT_LISTENER : listeners).split(",")[0].trim());
        URI listenerBase = null;
        if (first.find()) {
            String scheme = first.group(1).toLowerCase(java.util.Locale.ROOT);
            String listenHost = first.group(2);
            int listenPort = parsePort(first.group(3));
            if (host == null && !listenHost.isEmpty()) {
                host = listenHost;
            }
            if (port < 0) {
                port = listenPort;
            }
            if (listenPort > 0) {
                // The worker listens on every address when the host is empty or 0.0.0.0: loopback reaches it.
                String reach = listenHost.isEmpty() || listenHost.equals("0.0.0.0") ? "localhost"
                        : listenHost.contains(":") ? "[" + listenHost + "]" : listenHost;
                listenerBase = URI.create(scheme + "://" + reach + ":" + listenPort + "/");
            }
        }
        // else: the worker validates listeners itself and fails louder than we could.
        if (port < 0) {
            port = 8083; // Connect's default REST port
        }
        return new WorkerIdentity(host == null ? localHost.get() : host, port, listenerBase);
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

    /** What Jetty's {@code Server.getURI()} uses for a connector without a host. */
    private static String localHostAddress() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            // Jetty cannot build the URI either then; Connect needs rest.advertised.host.name in that case.
            return "localhost";
        }
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

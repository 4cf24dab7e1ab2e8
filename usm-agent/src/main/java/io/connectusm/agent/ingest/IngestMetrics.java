package io.connectusm.agent.ingest;

import io.connectusm.netty.CloseReason;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The data plane's metrics: requests, events received and accepted, requests refused by reason, connections the
 * agent closed by reason. Thread-safe; one per agent, registered on the agent's registry.
 */
public final class IngestMetrics {

    /** Rejection reasons, the values of the {@code reason} label of {@link #rejected}. */
    static final String MALFORMED = "malformed";
    static final String UNAUTHORIZED = "unauthorized";
    static final String IDENTITY = "identity";
    static final String UNREGISTERED = "unregistered";
    static final String TOO_LARGE = "too_large";
    static final String SPOOL_FULL = "spool_full";
    static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";

    /** Why the agent closed a connection, the values of the {@code reason} label of {@link #connectionsClosed}. */
    static final String TOO_MANY_CONNECTIONS = "too_many_connections";
    /** Too many connections from one IP address still in their TLS handshake. */
    static final String TOO_MANY_HANDSHAKES = "too_many_handshakes";
    static final String REQUEST_TIMEOUT = "request_timeout";
    static final String IDLE = "idle";

    final Counter requests;
    final Counter received;
    final Counter accepted;
    final Counter rejected;
    final Counter connectionsClosed;

    public IngestMetrics(PrometheusRegistry registry) {
        requests = Counter.builder().name("usm_agent_requests_total").help("POST /v1/events requests received.")
                .withoutExemplars().register(registry);
        received = Counter.builder().name("usm_agent_events_received_total")
                .help("Events in valid batches.").withoutExemplars().register(registry);
        accepted = Counter.builder().name("usm_agent_events_accepted_total")
                .help("Events durable in the spool (answered 204).").withoutExemplars().register(registry);
        rejected = Counter.builder().name("usm_agent_requests_rejected_total").help("Requests refused, by reason.")
                .labelNames("reason").withoutExemplars().register(registry);
        for (String reason : new String[] {MALFORMED, UNAUTHORIZED, IDENTITY, UNREGISTERED, TOO_LARGE, SPOOL_FULL,
                UNSUPPORTED_MEDIA_TYPE}) {
            // Every known reason shows from the start, at 0: a rate needs the series before the first event.
            rejected.initLabelValues(reason);
        }
        connectionsClosed = Counter.builder().name("usm_agent_connections_closed_total")
                .help("Connections the agent closed, by reason.").labelNames("reason").withoutExemplars()
                .register(registry);
        for (String reason : new String[] {TOO_MANY_CONNECTIONS, TOO_MANY_HANDSHAKES, REQUEST_TIMEOUT, IDLE}) {
            connectionsClosed.initLabelValues(reason);
        }
    }

    /** Counts one connection closed by the per-peer cap, the request deadline or the idle timeout. */
    void connectionClosed(CloseReason reason) {
        connectionsClosed.labelValues(switch (reason) {
            case TOO_MANY_CONNECTIONS -> TOO_MANY_CONNECTIONS;
            case TOO_MANY_HANDSHAKES -> TOO_MANY_HANDSHAKES;
            case REQUEST_TIMEOUT -> REQUEST_TIMEOUT;
            case IDLE -> IDLE;
        }).inc();
    }

    /** Counts one refused request. */
    void reject(String reason) {
        rejected.labelValues(reason).inc();
    }
}

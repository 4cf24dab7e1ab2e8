package io.connectusm.agent.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectusm.agent.registration.Registration;
import io.connectusm.agent.http.HttpResponses;
import io.connectusm.agent.registration.ClusterActivity;
import io.connectusm.agent.registration.RegistrationMap;
import io.netty.channel.ChannelHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * What the control plane answers, as plain values: {@code /healthz}, {@code /readyz} (spool writable,
 * registrations loaded), {@code /metrics} (Prometheus text) and {@code /v1/clusters} (local Connect
 * clusters seen, registered or not; what {@code usm connect cluster list} prints); and the pipeline that serves
 * them ({@link #channelInitializer()}). Thread-safe.
 */
public final class ControlPlane {

    /** One answer. */
    record Response(int status, String contentType, byte[] body) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MetricsScrape metrics;
    private final ClusterActivity activity;
    private final RegistrationMap registrations;
    private final BooleanSupplier spoolWritable;

    /**
     * @param metrics       the agent's registry, scraped with the JVM's metrics on {@code /metrics}
     * @param spoolWritable whether the spool takes writes (one of the readiness checks)
     */
    public ControlPlane(PrometheusRegistry metrics, ClusterActivity activity, RegistrationMap registrations,
            BooleanSupplier spoolWritable) {
        this.metrics = new MetricsScrape(metrics);
        this.activity = activity;
        this.registrations = registrations;
        this.spoolWritable = spoolWritable;
    }

    /** Answers a request for {@code path}; only GET is allowed. */
    Response handle(String method, String path) {
        boolean known = switch (path) {
            case "/healthz", "/readyz", "/metrics", "/v1/clusters" -> true;
            default -> false;
        };
        if (!known) {
            return json(404, error(404, "no such resource"));
        }
        if (!"GET".equals(method)) {
            return json(405, error(405, "only GET is allowed"));
        }
        return switch (path) {
            case "/healthz" -> json(200, MAPPER.createObjectNode().put("status", "ok"));
            case "/readyz" -> readiness();
            case "/metrics" -> new Response(200, MetricsScrape.CONTENT_TYPE, metrics.scrape());
            default -> json(200, clusters());
        };
    }

    /** The control plane's pipeline for each connection, answering with this. */
    public ChannelHandler channelInitializer() {
        return new ControlChannelInitializer(new ControlPlaneHandler(this));
    }

    private Response readiness() {
        boolean spool = spoolWritable.getAsBoolean();
        boolean loaded = registrations.isLoaded();
        ObjectNode body = MAPPER.createObjectNode().put("status", spool && loaded ? "ready" : "not ready");
        body.putObject("checks").put("spool_writable", spool).put("registrations_loaded", loaded);
        return json(spool && loaded ? 200 : 503, body);
    }

    private ObjectNode clusters() {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode clusters = root.putArray("clusters");
        for (ClusterActivity.Sighting sighting : activity.sightings()) {
            var registration = registrations.lookup(sighting.cluster());
            clusters.addObject()
                    .put("kafka_cluster_id", sighting.cluster().kafkaClusterId())
                    .put("connect_cluster_id", sighting.cluster().connectClusterId())
                    .put("registered", registration.isPresent())
                    .put("usm_connect_cluster_id", registration.map(Registration::usmConnectClusterId).orElse(null))
                    .put("connector_count", sighting.connectorCount())
                    .put("first_seen", sighting.firstSeen().toString())
                    .put("last_seen", sighting.lastSeen().toString())
                    .put("events_accepted", sighting.eventsAccepted())
                    .put("events_rejected", sighting.eventsRejected());
        }
        return root;
    }

    private static ObjectNode error(int status, String message) {
        return MAPPER.createObjectNode().put("error_code", status).put("message", message);
    }

    private static Response json(int status, ObjectNode body) {
        return new Response(status, HttpResponses.JSON, body.toString().getBytes(StandardCharsets.UTF_8));
    }
}

package io.connectusm.endpoint;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates {@link ApiRequest}s into calls on the stores and {@link ApiResponse}s back: authentication,
 * the role check, parameter validation and routing of the {@code usm/v1} API and the web page. Knows nothing
 * of Netty, so it is tested with plain objects. Thread-safe; blocking (database, hashing), so callers run it
 * off the event loop.
 */
final class ApiRouter {

    private static final Logger log = LoggerFactory.getLogger(ApiRouter.class);

    static final String API_PREFIX = "/usm/v1/";
    private static final Pattern LOCAL_ID = Pattern.compile("[A-Za-z0-9._:+=-]{1,255}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");

    private final Authenticator authenticator;
    private final RegistrationStore registrations;
    private final ConnectorStore connectors;
    private final SightingStore sightings;
    private final EventIngest ingest;
    private final WebPages webPages;
    private final String defaultEnvironment;
    private volatile String baseUrl = "";

    ApiRouter(Authenticator authenticator, RegistrationStore registrations, ConnectorStore connectors,
              SightingStore sightings, EventIngest ingest, WebPages webPages, String defaultEnvironment) {
        this.authenticator = authenticator;
        this.registrations = registrations;
        this.connectors = connectors;
        this.sightings = sightings;
        this.ingest = ingest;
        this.webPages = webPages;
        this.defaultEnvironment = defaultEnvironment;
    }

    /**
     * The endpoint's own base URL, set once the port is known: the fallback for {@code metadata.first/next}
     * when a request has no usable Host header (the bind address, e.g. 0.0.0.0, is no address for clients).
     */
    void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    ApiResponse handle(ApiRequest request) {
        ApiResponse response;
        try {
            response = route(request);
        } catch (Throwable t) {
            response = ErrorResponses.toResponse(t);
        }
        log.debug("{} -> {}", request, response.status());
        return response;
    }

    private ApiResponse route(ApiRequest r) {
        ApiRole role = authenticator.authenticate(r.authorization());
        if (r.path().equals("/") || r.path().equals("/ui") || r.path().startsWith("/ui/")) {
            require(role, ApiRole.ADMIN, "the web page");
            if (!r.method().equals("GET")) {
                throw UsmApiException.methodNotAllowed(r.method(), r.path());
            }
            return webPages.render(r.segments(), r.queryParam("environment"));
        }
        if (!r.path().startsWith(API_PREFIX)) {
            throw UsmApiException.notFound("no such resource: " + r.path());
        }
        List<String> seg = r.segments().subList(2, r.segments().size());
        if (seg.isEmpty()) {
            throw UsmApiException.notFound("no such resource: " + r.path());
        }
        return switch (seg.get(0)) {
            case "kafka-clusters" -> kafkaClusters(r, role, seg);
            case "connect-clusters" -> connectClusters(r, role, seg);
            case "events" -> events(r, role, seg);
            case "sightings" -> sightings(r, role, seg);
            default -> throw UsmApiException.notFound("no such resource: " + r.path());
        };
    }

    // ---- kafka-clusters ----

    private ApiResponse kafkaClusters(ApiRequest r, ApiRole role, List<String> seg) {
        if (seg.size() == 1) {
            switch (r.method()) {
                case "GET" -> {
                    String env = requiredEnvironment(r);
                    int size = Page.size(r.queryParam("page_size"));
                    Page<KafkaCluster> page = registrations.listKafkaClusters(env,
                            Page.afterId(r.queryParam("page_token")), size);
                    return ApiResponse.json(200, ResourceJson.list("KafkaClusterList", page,
                            ResourceJson::kafkaCluster, linkBase(r) + API_PREFIX + "kafka-clusters", env, size));
                }
                case "POST" -> {
                    require(role, ApiRole.ADMIN, "registering a Kafka cluster");
                    ObjectNode body = Json.parseObject(r.body());
                    String cpId = localId(body, "confluent_platform_kafka_cluster_id");
                    KafkaCluster created = registrations.createKafkaCluster(environmentOf(body), cpId,
                            displayName(body, cpId), Cloud.parse("cloud", requiredText(body, "cloud")),
                            region(requiredText(body, "region")));
                    log.info("registered Kafka cluster {} as {} in {}", cpId, created.id(), created.environment());
                    return ApiResponse.json(201, ResourceJson.kafkaCluster(created));
                }
                default -> throw UsmApiException.methodNotAllowed(r.method(), r.path());
            }
        }
        if (seg.size() == 2) {
            String id = seg.get(1);
            switch (r.method()) {
                case "GET" -> {
                    KafkaCluster k = registrations.kafkaCluster(id)
                            .filter(c -> matchesEnvironment(r, c.environment()))
                            .orElseThrow(() -> UsmApiException.notFound("USM Kafka cluster \"" + id + "\" not found"));
                    return ApiResponse.json(200, ResourceJson.kafkaCluster(k));
                }
                case "DELETE" -> {
                    require(role, ApiRole.ADMIN, "deregistering a Kafka cluster");
                    registrations.kafkaCluster(id).filter(c -> matchesEnvironment(r, c.environment()))
                            .orElseThrow(() -> UsmApiException.notFound("USM Kafka cluster \"" + id + "\" not found"));
                    registrations.deleteKafkaCluster(id);
                    log.info("deregistered Kafka cluster {}", id);
                    return ApiResponse.noContent();
                }
                default -> throw UsmApiException.methodNotAllowed(r.method(), r.path());
            }
        }
        throw UsmApiException.notFound("no such resource: " + r.path());
    }

    // ---- connect-clusters ----

    private ApiResponse connectClusters(ApiRequest r, ApiRole role, List<String> seg) {
        if (seg.size() == 1) {
            switch (r.method()) {
                case "GET" -> {
                    String env = requiredEnvironment(r);
                    int size = Page.size(r.queryParam("page_size"));
                    Page<ConnectCluster> page = registrations.listConnectClusters(env,
                            Page.afterId(r.queryParam("page_token")), size);
                    return ApiResponse.json(200, ResourceJson.list("ConnectClusterList", page,
                            ResourceJson::connectCluster, linkBase(r) + API_PREFIX + "connect-clusters", env, size));
                }
                case "POST" -> {
                    require(role, ApiRole.ADMIN, "registering a Connect cluster");
                    ObjectNode body = Json.parseObject(r.body());
                    String cpConnect = localId(body, "confluent_platform_connect_cluster_id");
                    String cpKafka = localId(body, "kafka_cluster_id");
                    String cloud = optionalText(body, "cloud");
                    String region = optionalText(body, "region");
                    ConnectCluster created = registrations.createConnectCluster(environmentOf(body), cpConnect,
                            cpKafka, displayName(body, cpConnect), cloud == null ? null : Cloud.parse("cloud", cloud),
                            region == null ? null : region(region));
                    log.info("registered Connect cluster {}/{} as {} in {}", cpKafka, cpConnect, created.id(),
                            created.environment());
                    return ApiResponse.json(201, ResourceJson.connectCluster(created));
                }
                default -> throw UsmApiException.methodNotAllowed(r.method(), r.path());
            }
        }
        String id = seg.get(1);
        ConnectCluster cluster = registrations.connectCluster(id).filter(c -> matchesEnvironment(r, c.environment()))
                .orElseThrow(() -> UsmApiException.notFound("USM Connect cluster \"" + id + "\" not found"));
        if (seg.size() == 2) {
            switch (r.method()) {
                case "GET" -> {
                    return ApiResponse.json(200, ResourceJson.connectCluster(cluster));
                }
                case "DELETE" -> {
                    require(role, ApiRole.ADMIN, "deregistering a Connect cluster");
                    registrations.deleteConnectCluster(id);
                    log.info("deregistered Connect cluster {}", id);
                    return ApiResponse.noContent();
                }
                default -> throw UsmApiException.methodNotAllowed(r.method(), r.path());
            }
        }
        if (!seg.get(2).equals("connectors") || seg.size() > 5) {
            throw UsmApiException.notFound("no such resource: " + r.path());
        }
        require(role, ApiRole.ADMIN, "reading connectors");
        if (!r.method().equals("GET")) {
            throw UsmApiException.methodNotAllowed(r.method(), r.path());
        }
        if (seg.size() == 3) {
            return ApiResponse.json(200, ResourceJson.connectorList(connectors.list(id)));
        }
        String name = seg.get(3);
        if (seg.size() == 4) {
            StoredConnector connector = connectors.get(id, name)
                    .orElseThrow(() -> UsmApiException.notFound("connector \"" + name + "\" not found in " + id));
            return ApiResponse.json(200, ResourceJson.connector(connector));
        }
        if (!seg.get(4).equals("history")) {
            throw UsmApiException.notFound("no such resource: " + r.path());
        }
        if (!connectors.known(id, name)) {
            throw UsmApiException.notFound("connector \"" + name + "\" not found in " + id);
        }
        return ApiResponse.json(200, ResourceJson.history(name, connectors.history(id, name)));
    }

    // ---- events and sightings ----

    private ApiResponse events(ApiRequest r, ApiRole role, List<String> seg) {
        if (seg.size() != 1) {
            throw UsmApiException.notFound("no such resource: " + r.path());
        }
        if (!r.method().equals("POST")) {
            throw UsmApiException.methodNotAllowed(r.method(), r.path());
        }
        ConnectorStore.ApplyResult result = ingest.ingest(r.body());
        log.debug("event batch: {} applied, {} ignored", result.applied(), result.ignored());
        return ApiResponse.noContent();
    }

    private ApiResponse sightings(ApiRequest r, ApiRole role, List<String> seg) {
        if (seg.size() != 1) {
            throw UsmApiException.notFound("no such resource: " + r.path());
        }
        switch (r.method()) {
            case "POST" -> {
                ObjectNode body = Json.parseObject(r.body());
                JsonNode array = body.get("sightings");
                if (array == null || !array.isArray()) {
                    throw UsmApiException.badRequest("sightings must be an array");
                }
                List<Sighting> parsed = new ArrayList<>();
                for (JsonNode item : array) {
                    if (!(item instanceof ObjectNode o)) {
                        throw UsmApiException.badRequest("sightings[] must hold objects");
                    }
                    Instant first = instant(o, "first_seen");
                    Instant last = instant(o, "last_seen");
                    JsonNode count = o.get("connector_count");
                    parsed.add(new Sighting(environmentOf(o), localId(o, "kafka_cluster_id"),
                            localId(o, "connect_cluster_id"), count == null ? 0 : Math.max(0, count.asInt()),
                            first, last.isBefore(first) ? first : last, optionalText(o, "agent_id")));
                }
                sightings.report(parsed);
                return ApiResponse.noContent();
            }
            case "GET" -> {
                require(role, ApiRole.ADMIN, "listing sightings");
                return ApiResponse.json(200, ResourceJson.sightings(sightings.unregistered(requiredEnvironment(r))));
            }
            default -> throw UsmApiException.methodNotAllowed(r.method(), r.path());
        }
    }

    // ---- helpers ----

    /** {@code scheme://host[:port]} as the client addressed us, for links it can follow. */
    private String linkBase(ApiRequest r) {
        String base = baseUrl;
        if (r.host() != null && HOST.matcher(r.host()).matches() && base.contains("://")) {
            return base.substring(0, base.indexOf("://") + 3) + r.host();
        }
        return base;
    }

    private static void require(ApiRole role, ApiRole needed, String what) {
        if (needed == ApiRole.ADMIN && role != ApiRole.ADMIN) {
            throw UsmApiException.forbidden(what + " needs an API key with role admin");
        }
    }

    private static String requiredEnvironment(ApiRequest r) {
        String env = r.queryParam("environment");
        if (env == null || env.isEmpty()) {
            throw UsmApiException.badRequest("query parameter 'environment' is required");
        }
        return validEnvironment(env);
    }

    private static boolean matchesEnvironment(ApiRequest r, String environment) {
        String env = r.queryParam("environment");
        return env == null || env.isEmpty() || env.equals(environment);
    }

    private String environmentOf(ObjectNode body) {
        JsonNode env = body.get("environment");
        if (env == null || env.isNull()) {
            return defaultEnvironment;
        }
        JsonNode id = env.get("id");
        if (id == null || !id.isTextual()) {
            throw UsmApiException.badRequest("environment.id must be a string");
        }
        return validEnvironment(id.asText());
    }

    private static String validEnvironment(String env) {
        if (!EndpointConfig.ENVIRONMENT_PATTERN.matcher(env).matches()) {
            throw UsmApiException.badRequest("environment must look like env-abc123");
        }
        return env;
    }

    private static String requiredText(ObjectNode body, String field) {
        String value = optionalText(body, field);
        if (value == null || value.isBlank()) {
            throw UsmApiException.badRequest(field + " is required");
        }
        return value;
    }

    private static String optionalText(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw UsmApiException.badRequest(field + " must be a string");
        }
        return node.asText();
    }

    private static String localId(ObjectNode body, String field) {
        String value = requiredText(body, field);
        if (!LOCAL_ID.matcher(value).matches()) {
            throw UsmApiException.badRequest(field + " must be 1 to 255 letters, digits or ._:+=-");
        }
        return value;
    }

    private static String displayName(ObjectNode body, String fallback) {
        String name = optionalText(body, "display_name");
        if (name == null || name.isBlank()) {
            return fallback;
        }
        if (name.length() > 255) {
            throw UsmApiException.badRequest("display_name must be at most 255 characters");
        }
        return name;
    }

    private static String region(String region) {
        if (!REGION.matcher(region).matches()) {
            throw UsmApiException.badRequest("region must be lower-case letters, digits and '-', like us-east-1");
        }
        return region;
    }

    private static Instant instant(ObjectNode body, String field) {
        try {
            return Instant.parse(requiredText(body, field));
        } catch (DateTimeParseException e) {
            throw UsmApiException.badRequest(field + " must be an ISO-8601 instant like 2026-11-20T10:00:00Z");
        }
    }
}

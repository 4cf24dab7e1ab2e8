package io.connectusm.endpoint;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.events.EventCodec;

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
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

    private final Authenticator authenticator;
    private final RegistrationStore registrations;
    private final ConnectorStore connectors;
    private final SightingStore sightings;
    private final EventIngest ingest;
    private final WorkerPluginStore plugins;
    private final ApiKeys apiKeys;
    private final WebPages webPages;
    private final WebActions webActions;
    private final CsrfTokens csrf;
    private final String defaultEnvironment;
    private volatile String baseUrl = "";

    /** The stores and the web parts the router dispatches to. */
    record Parts(RegistrationStore registrations, ConnectorStore connectors, SightingStore sightings,
                 WorkerPluginStore plugins, ApiKeys apiKeys, EventIngest ingest, WebPages webPages,
                 WebActions webActions, CsrfTokens csrf) {
    }

    ApiRouter(Authenticator authenticator, Parts parts, String defaultEnvironment) {
        this.authenticator = authenticator;
        this.registrations = parts.registrations();
        this.connectors = parts.connectors();
        this.sightings = parts.sightings();
        this.plugins = parts.plugins();
        this.apiKeys = parts.apiKeys();
        this.ingest = parts.ingest();
        this.webPages = parts.webPages();
        this.webActions = parts.webActions();
        this.csrf = parts.csrf();
        this.defaultEnvironment = defaultEnvironment;
    }

    /** Wires a router over one database, as the endpoint runs it. */
    static ApiRouter over(Database database, ApiKeys apiKeys, IdGenerator ids, String defaultEnvironment) {
        RegistrationStore registrations = new RegistrationStore(database, ids);
        ConnectorStore connectors = new ConnectorStore(database);
        SightingStore sightings = new SightingStore(database);
        WorkerPluginStore plugins = new WorkerPluginStore(database);
        CsrfTokens csrf = new CsrfTokens(ids.bytes(32));
        return new ApiRouter(new Authenticator(apiKeys), new Parts(registrations, connectors, sightings, plugins,
                apiKeys, new EventIngest(new EventCodec(), registrations, connectors),
                new WebPages(registrations, connectors, sightings, plugins), new WebActions(registrations, csrf), csrf),
                defaultEnvironment);
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
        Authenticator.Principal caller = authenticator.authenticate(r.authorization());
        ApiRole role = caller.role();
        if (r.path().equals("/") || r.path().equals("/ui") || r.path().startsWith("/ui/")) {
            require(role, ApiRole.ADMIN, "the web page");
            return switch (r.method()) {
                case "GET" -> webPages.render(r.segments(), r.queryParam("environment"), csrf.tokenFor(caller.key()));
                case "POST" -> webActions.handle(r.segments(), r.body(), caller);
                default -> throw UsmApiException.methodNotAllowed(r.method(), r.path());
            };
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
            case "api-keys" -> apiKeys(r, caller, seg);
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
                    return ApiResponse.json(200, ResourceJson.kafkaCluster(visibleKafkaCluster(r, id)));
                }
                case "DELETE" -> {
                    require(role, ApiRole.ADMIN, "deregistering a Kafka cluster");
                    visibleKafkaCluster(r, id);
                    registrations.deleteKafkaCluster(id);
                    log.info("deregistered Kafka cluster {}", id);
                    return ApiResponse.noContent();
                }
                default -> throw UsmApiException.methodNotAllowed(r.method(), r.path());
            }
        }
        throw UsmApiException.notFound("no such resource: " + r.path());
    }

    /** The Kafka cluster {@code id}, if it exists in the request's environment (when one is given); else 404. */
    private KafkaCluster visibleKafkaCluster(ApiRequest r, String id) {
        return registrations.kafkaCluster(id).filter(c -> matchesEnvironment(r, c.environment()))
                .orElseThrow(() -> UsmApiException.notFound("USM Kafka cluster \"" + id + "\" not found"));
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
        if (seg.get(2).equals("plugins") && seg.size() == 3) {
            require(role, ApiRole.ADMIN, "reading plugins");
            if (!r.method().equals("GET")) {
                throw UsmApiException.methodNotAllowed(r.method(), r.path());
            }
            return ApiResponse.json(200, ResourceJson.workerPlugins(plugins.list(id)));
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

    // ---- api-keys ----

    private ApiResponse apiKeys(ApiRequest r, Authenticator.Principal caller, List<String> seg) {
        require(caller.role(), ApiRole.ADMIN, "managing API keys");
        if (seg.size() == 1) {
            switch (r.method()) {
                case "GET" -> {
                    return ApiResponse.json(200, ResourceJson.apiKeyList(apiKeys.list()));
                }
                case "POST" -> {
                    ObjectNode body = Json.parseObject(r.body());
                    JsonNode spec = body.get("spec");
                    if (!(spec instanceof ObjectNode specObject)) {
                        throw UsmApiException.badRequest("spec must be an object with role and description");
                    }
                    ApiRole newRole;
                    try {
                        newRole = ApiRole.parse(requiredText(specObject, "role"));
                    } catch (IllegalArgumentException e) {
                        throw UsmApiException.badRequest(e.getMessage());
                    }
                    String description = optionalText(specObject, "description");
                    if (description != null && description.length() > 255) {
                        throw UsmApiException.badRequest("description must be at most 255 characters");
                    }
                    ApiKeyCredentials created = apiKeys.create(newRole, description);
                    ApiKeyInfo info = apiKeys.info(created.key())
                            .orElseThrow(() -> new IllegalStateException("created key vanished"));
                    log.info("API key {} created with role {} by {}", created.key(), newRole.label(), caller.key());
                    return ApiResponse.json(201, ResourceJson.apiKey(info, created.secret()));
                }
                default -> throw UsmApiException.methodNotAllowed(r.method(), r.path());
            }
        }
        if (seg.size() == 2) {
            String key = seg.get(1);
            switch (r.method()) {
                case "GET" -> {
                    return ApiResponse.json(200, ResourceJson.apiKey(apiKeys.info(key)
                            .orElseThrow(() -> UsmApiException.notFound("API key \"" + key + "\" not found")), null));
                }
                case "DELETE" -> {
                    deleteKey(key);
                    log.info("API key {} deleted by {}", key, caller.key());
                    return ApiResponse.noContent();
                }
                default -> throw UsmApiException.methodNotAllowed(r.method(), r.path());
            }
        }
        throw UsmApiException.notFound("no such resource: " + r.path());
    }

    /** Deletes a key, but never the last admin key: nobody could manage the endpoint over HTTP after that. */
    private void deleteKey(String key) {
        List<ApiKeyInfo> keys = apiKeys.list();
        ApiKeyInfo target = keys.stream().filter(k -> k.key().equals(key)).findFirst()
                .orElseThrow(() -> UsmApiException.notFound("API key \"" + key + "\" not found"));
        long admins = keys.stream().filter(k -> k.role() == ApiRole.ADMIN).count();
        if (target.role() == ApiRole.ADMIN && admins == 1) {
            throw UsmApiException.conflict("API key \"" + key + "\" is the last admin key; create another admin "
                    + "key first");
        }
        if (!apiKeys.delete(key)) {
            throw UsmApiException.notFound("API key \"" + key + "\" not found");
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
        return InputRules.localId(field, requiredText(body, field));
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
        return InputRules.region(region);
    }

    private static Instant instant(ObjectNode body, String field) {
        try {
            return Instant.parse(requiredText(body, field));
        } catch (DateTimeParseException e) {
            throw UsmApiException.badRequest(field + " must be an ISO-8601 instant like 2026-11-20T10:00:00Z");
        }
    }
}

package io.connectusm.endpoint.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.endpoint.auth.KeyScope;
import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.Json;
import io.connectusm.endpoint.http.UsmApiException;
import io.connectusm.endpoint.store.Sighting;
import io.connectusm.endpoint.store.SightingStore;
import io.connectusm.events.ClusterRef;

/**
 * {@code usm/v1/sightings}: agents report the local Connect clusters they see (at most
 * {@code sightings.max.per.request} per request, 413 beyond; a scoped key only for its scope, 403 otherwise);
 * readers list, page by page, those still unregistered in an environment (the "Register Connect cluster" offer);
 * admins delete one. The store keeps the newest {@code sightings.max.per.environment} per environment.
 * Thread-safe.
 */
final class SightingsResource {

    static final String PATH = UsmV1Api.PREFIX + "/sightings";

    private final SightingStore sightings;
    private final String defaultEnvironment;
    private final Links links;
    private final int maxPerRequest;

    SightingsResource(SightingStore sightings, String defaultEnvironment, Links links, int maxPerRequest) {
        this.sightings = sightings;
        this.defaultEnvironment = defaultEnvironment;
        this.links = links;
        this.maxPerRequest = maxPerRequest;
    }

    ApiResponse report(Call call) {
        ObjectNode body = Json.parseObject(call.body());
        JsonNode array = body.get("sightings");
        if (array == null || !array.isArray()) {
            throw UsmApiException.badRequest("sightings must be an array");
        }
        if (array.size() > maxPerRequest) {
            throw UsmApiException.tooLarge("a request reports at most " + maxPerRequest + " sightings, this one "
                    + array.size());
        }
        List<Sighting> parsed = new ArrayList<>();
        for (JsonNode item : array) {
            if (!(item instanceof ObjectNode o)) {
                throw UsmApiException.badRequest("sightings[] must hold objects");
            }
            Instant first = JsonFields.instant(o, "first_seen");
            Instant last = JsonFields.instant(o, "last_seen");
            JsonNode count = o.get("connector_count");
            parsed.add(new Sighting(JsonFields.environment(o, defaultEnvironment),
                    JsonFields.localId(o, "kafka_cluster_id"), JsonFields.localId(o, "connect_cluster_id"),
                    count == null ? 0 : Math.max(0, count.asInt()), first, last.isBefore(first) ? first : last,
                    JsonFields.optionalShortText(o, "agent_id")));
        }
        KeyScope scope = call.caller().scope();
        List<ClusterRef> outside = parsed.stream().filter(s -> !scope.allows(s.environment(), s.connectClusterId()))
                .map(s -> new ClusterRef(s.kafkaClusterId(), s.connectClusterId())).distinct().toList();
        if (!outside.isEmpty()) {
            throw new OutsideKeyScopeException(outside, scope);
        }
        sightings.report(parsed);
        return ApiResponse.noContent();
    }

    /** The sightings still unregistered in the {@code environment}, most recent first, paged. */
    ApiResponse list(Call call) {
        try {
            return Paging.respond(call, links, PATH, "SightingList", sightings::unregisteredPage,
                    ResourceJson::sighting);
        } catch (IllegalArgumentException e) {
            throw Paging.badToken();
        }
    }

    /** {@code DELETE /usm/v1/sightings/{kafka_cluster_id}/{connect_cluster_id}?environment=}. */
    ApiResponse delete(Call call) {
        String env = JsonFields.requiredEnvironment(call);
        String kafka = InputRules.localId("kafka_cluster_id", call.param("kafka_cluster_id"));
        String connect = InputRules.localId("connect_cluster_id", call.param("connect_cluster_id"));
        if (!sightings.delete(env, kafka, connect)) {
            throw UsmApiException.notFound("no sighting of " + kafka + "/" + connect + " in " + env);
        }
        return ApiResponse.noContent();
    }
}

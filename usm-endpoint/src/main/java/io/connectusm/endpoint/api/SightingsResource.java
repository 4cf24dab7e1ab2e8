package io.connectusm.endpoint.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.Json;
import io.connectusm.endpoint.http.UsmApiException;
import io.connectusm.endpoint.store.Sighting;
import io.connectusm.endpoint.store.SightingStore;

/**
 * {@code usm/v1/sightings}: agents report the local Connect clusters they see; admins list those still
 * unregistered in an environment (the "Register Connect cluster" offer). Thread-safe.
 */
final class SightingsResource {

    static final String PATH = UsmV1Api.PREFIX + "/sightings";

    private final SightingStore sightings;
    private final Links links;
    private final String defaultEnvironment;

    SightingsResource(SightingStore sightings, Links links, String defaultEnvironment) {
        this.sightings = sightings;
        this.links = links;
        this.defaultEnvironment = defaultEnvironment;
    }

    ApiResponse report(Call call) {
        ObjectNode body = Json.parseObject(call.body());
        JsonNode array = body.get("sightings");
        if (array == null || !array.isArray()) {
            throw UsmApiException.badRequest("sightings must be an array");
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
                    JsonFields.optionalText(o, "agent_id")));
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
}

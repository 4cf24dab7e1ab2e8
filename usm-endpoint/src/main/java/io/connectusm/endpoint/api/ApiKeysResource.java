package io.connectusm.endpoint.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiKeyInfo;
import io.connectusm.endpoint.auth.ApiKeys;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.endpoint.auth.KeyScope;
import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.Json;
import io.connectusm.endpoint.http.UsmApiException;
import io.connectusm.endpoint.store.Page;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code usm/v1/api-keys}, shaped like Confluent's {@code iam/v2} keys: create (the secret appears in that one
 * response only), list, describe, delete (never the last admin key). Thread-safe.
 */
final class ApiKeysResource {

    static final String PATH = UsmV1Api.PREFIX + "/api-keys";

    private static final Logger log = LoggerFactory.getLogger(ApiKeysResource.class);

    /** Keeps a scope's stored list (one ID per line) well under its column's size. */
    static final int MAX_SCOPED_CLUSTERS = 30;

    private final ApiKeys apiKeys;
    private final Links links;

    ApiKeysResource(ApiKeys apiKeys, Links links) {
        this.apiKeys = apiKeys;
        this.links = links;
    }

    /**
     * The keys, oldest first, paged ({@code page_size} up to 100, also the default: keys are few, and a client
     * reading only the first page still sees them all up to that). Paged here, over the whole list, since the
     * list is small; the page key is the last key's creation time and ID.
     */
    ApiResponse list(Call call) {
        int size = Paging.size(call, Page.MAX_SIZE);
        String after = Paging.after(call);
        List<ApiKeyInfo> all = apiKeys.list();
        List<ApiKeyInfo> rest = after.isEmpty() ? all : all.stream().filter(k -> pageKey(k).compareTo(after) > 0)
                .toList();
        List<ApiKeyInfo> fetched = rest.subList(0, Math.min(rest.size(), size + 1));
        boolean more = fetched.size() > size;
        List<ApiKeyInfo> items = more ? fetched.subList(0, size) : fetched;
        Page<ApiKeyInfo> page = new Page<>(items, all.size(), more ? pageKey(items.get(size - 1)) : null);
        return Paging.respond(links, PATH, "ApiKeyList", Map.of(), size, page, k -> ResourceJson.apiKey(k, null));
    }

    /** Sorts as the list does: by creation time (fixed-width ISO text), then key ID. */
    private static String pageKey(ApiKeyInfo key) {
        return String.format("%020d%09d %s", key.createdAt().getEpochSecond(), key.createdAt().getNano(), key.key());
    }

    ApiResponse create(Call call) {
        ObjectNode body = Json.parseObject(call.body());
        JsonNode spec = body.get("spec");
        if (!(spec instanceof ObjectNode specObject)) {
            throw UsmApiException.badRequest("spec must be an object with role and description");
        }
        ApiRole role;
        try {
            role = ApiRole.parse(JsonFields.requiredText(specObject, "role"));
        } catch (IllegalArgumentException e) {
            throw UsmApiException.badRequest(e.getMessage());
        }
        String description = JsonFields.optionalShortText(specObject, "description");
        KeyScope scope = scope(specObject.get("scope"));
        ApiKeyCredentials created;
        try {
            created = apiKeys.create(role, description, scope);
        } catch (IllegalArgumentException e) {
            throw UsmApiException.badRequest(e.getMessage());
        }
        ApiKeyInfo info = apiKeys.info(created.key())
                .orElseThrow(() -> new IllegalStateException("created key vanished"));
        log.info("API key {} created with role {} ({}) by {}", created.key(), role.label(), scope.describe(),
                call.caller().key());
        return ApiResponse.json(201, ResourceJson.apiKey(info, created.secret()));
    }

    /** {@code spec.scope}: {@code {"environment":{"id":"env-…"},"connect_clusters":["…"]}}, or unscoped. */
    private static KeyScope scope(JsonNode node) {
        if (node == null || node.isNull()) {
            return KeyScope.UNSCOPED;
        }
        if (!(node instanceof ObjectNode scope)) {
            throw UsmApiException.badRequest("spec.scope must be an object with environment and connect_clusters");
        }
        if (scope.get("environment") == null || scope.get("environment").isNull()) {
            throw UsmApiException.badRequest("spec.scope.environment.id is required");
        }
        String env = JsonFields.environment(scope, null);
        List<String> clusters = new ArrayList<>();
        JsonNode list = scope.get("connect_clusters");
        if (list != null && !list.isNull()) {
            if (!list.isArray() || list.size() > MAX_SCOPED_CLUSTERS) {
                throw UsmApiException.badRequest("spec.scope.connect_clusters must be an array of at most "
                        + MAX_SCOPED_CLUSTERS + " Connect cluster IDs");
            }
            for (JsonNode id : list) {
                if (!id.isTextual()) {
                    throw UsmApiException.badRequest("spec.scope.connect_clusters must hold strings");
                }
                clusters.add(InputRules.localId("spec.scope.connect_clusters[]", id.asText()));
            }
        }
        return KeyScope.of(env, clusters.stream().distinct().toList());
    }

    ApiResponse describe(Call call) {
        String key = call.param("key");
        return ApiResponse.json(200, ResourceJson.apiKey(apiKeys.info(key).orElseThrow(() -> notFound(key)), null));
    }

    /** Deletes a key, but never the last admin key: nobody could manage the endpoint over HTTP after that. */
    ApiResponse delete(Call call) {
        String key = call.param("key");
        List<ApiKeyInfo> keys = apiKeys.list();
        ApiKeyInfo target = keys.stream().filter(k -> k.key().equals(key)).findFirst()
                .orElseThrow(() -> notFound(key));
        long admins = keys.stream().filter(k -> k.role() == ApiRole.ADMIN).count();
        if (target.role() == ApiRole.ADMIN && admins == 1) {
            throw UsmApiException.conflict("API key \"" + key + "\" is the last admin key; create another admin "
                    + "key first");
        }
        if (!apiKeys.delete(key)) {
            throw notFound(key);
        }
        log.info("API key {} deleted by {}", key, call.caller().key());
        return ApiResponse.noContent();
    }

    private static UsmApiException notFound(String key) {
        return UsmApiException.notFound("API key \"" + key + "\" not found");
    }
}

package io.connectusm.endpoint.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.UsmApiException;
import io.connectusm.endpoint.store.ConnectorQuery;
import io.connectusm.endpoint.store.ConnectorStore;
import io.connectusm.endpoint.store.RegistrationStore;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code usm/v1/connect-clusters/{id}/connectors}: the connectors of a registered Connect cluster as last
 * reported (masked config only), paged, filtered and sorted; one connector; its change history, paged; and an
 * admin's purge of that history. Thread-safe.
 *
 * <p>List parameters: {@code state} (one or more connector states, comma-separated), {@code type}
 * ({@code SOURCE}/{@code SINK}), {@code failing} ({@code true}: the connector or a task is FAILED), {@code name_prefix}
 * and {@code name_contains} (ignoring case), {@code sort} ({@code failing} first (the default), {@code name},
 * {@code state}, {@code type}, {@code last_change} newest first, {@code tasks_failed} most first; a leading
 * {@code -} reverses it), {@code page_size}, {@code page_token}.
 */
final class ConnectorsResource {

    static final String PATH = ConnectClustersResource.PATH + "/{id}/connectors";

    private static final Logger log = LoggerFactory.getLogger(ConnectorsResource.class);
    private static final int MAX_NAME_FILTER = 255;

    private final ConnectorStore connectors;
    private final ClusterLookup lookup;
    private final Links links;

    ConnectorsResource(ConnectorStore connectors, RegistrationStore registrations, Links links) {
        this.connectors = connectors;
        this.lookup = new ClusterLookup(registrations);
        this.links = links;
    }

    ApiResponse list(Call call) {
        String cc = lookup.connectCluster(call, call.param("id")).id();
        Map<String, String> filters = new LinkedHashMap<>();
        ConnectorQuery query = query(call, filters);
        int size = Paging.size(call, Paging.DEFAULT_SIZE);
        String after = Paging.after(call);
        try {
            return Paging.respond(links, collection(cc), "ConnectorList", filters, size,
                    connectors.page(cc, query, after, size), ResourceJson::connectorSummary);
        } catch (IllegalArgumentException e) {
            throw Paging.badToken();
        }
    }

    /** The list's filters and sort from the query string; each one given is also put, normalised, in {@code echo}. */
    private static ConnectorQuery query(Call call, Map<String, String> echo) {
        TreeSet<String> states = new TreeSet<>();
        String state = call.query("state");
        if (state != null && !state.isEmpty()) {
            for (String s : state.split(",")) {
                states.add(constant(ConnectorState.class, "state", s.trim()).name());
            }
            echo.put("state", String.join(",", states));
        }
        String type = call.query("type");
        if (type != null && !type.isEmpty()) {
            type = constant(ConnectorType.class, "type", type).name();
            echo.put("type", type);
        }
        Boolean failing = null;
        String failingText = call.query("failing");
        if (failingText != null && !failingText.isEmpty()) {
            if (!failingText.equals("true") && !failingText.equals("false")) {
                throw UsmApiException.badRequest("failing must be true or false");
            }
            failing = failingText.equals("true");
            echo.put("failing", failingText);
        }
        String prefix = nameFilter(call, "name_prefix", echo);
        String contains = nameFilter(call, "name_contains", echo);
        String sortText = call.query("sort");
        ConnectorQuery.Sort sort = ConnectorQuery.Sort.FAILING;
        boolean reversed = false;
        if (sortText != null && !sortText.isEmpty()) {
            reversed = sortText.startsWith("-");
            sort = ConnectorQuery.Sort.of(reversed ? sortText.substring(1) : sortText);
            if (sort == null) {
                throw UsmApiException.badRequest("sort must be one of failing, name, state, type, last_change, "
                        + "tasks_failed, optionally with a leading '-' to reverse it");
            }
            echo.put("sort", sortText);
        }
        return new ConnectorQuery(states, type, failing, prefix, contains, sort, reversed);
    }

    private static String nameFilter(Call call, String parameter, Map<String, String> echo) {
        String value = call.query(parameter);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_NAME_FILTER) {
            throw UsmApiException.badRequest(parameter + " must be at most " + MAX_NAME_FILTER + " characters");
        }
        echo.put(parameter, value);
        return value;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String parameter, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name());
            }
            throw UsmApiException.badRequest(parameter + " must be one of " + allowed);
        }
    }

    ApiResponse describe(Call call) {
        String cc = lookup.connectCluster(call, call.param("id")).id();
        String name = call.param("name");
        ObjectNode connector = ResourceJson.connector(connectors.get(cc, name).orElseThrow(() -> notFound(name, cc)));
        // The active topics when known (an empty list: none); absent when no worker reported them.
        connectors.topics(cc, name).ifPresent(topics -> topics.forEach(connector.putArray("topics")::add));
        return ApiResponse.json(200, connector);
    }

    /** The history, newest first and paged, also of a deleted connector; 404 only for one never reported. */
    ApiResponse history(Call call) {
        String cc = lookup.connectCluster(call, call.param("id")).id();
        String name = call.param("name");
        if (!connectors.known(cc, name)) {
            throw notFound(name, cc);
        }
        int size = Paging.size(call, Paging.DEFAULT_SIZE);
        String after = Paging.after(call);
        long before;
        try {
            before = after.isEmpty() ? Long.MAX_VALUE : Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw Paging.badToken();
        }
        return Paging.respond(links, collection(cc) + "/" + segment(name) + "/history", "ConnectorHistory",
                Map.of(), size, connectors.historyPage(cc, name, before, size), ResourceJson::historyEntry);
    }

    /**
     * Deletes the connector's stored history (admin): e.g. after a value that should never have left the worker
     * was recorded in a config diff. Its current state, or its tombstone, stays. 204; 404 for a connector the
     * cluster never reported.
     */
    ApiResponse purgeHistory(Call call) {
        String cc = lookup.connectCluster(call, call.param("id")).id();
        String name = call.param("name");
        if (!connectors.known(cc, name)) {
            throw notFound(name, cc);
        }
        int purged = connectors.purgeHistory(cc, name);
        log.info("purged {} history entries of connector {} of {} by {}", purged, name, cc, call.caller().key());
        return ApiResponse.noContent();
    }

    private static String collection(String cc) {
        return ConnectClustersResource.PATH + "/" + cc + "/connectors";
    }

    /** A connector name as one path segment ({@code +} stays a plus: the router reads it literally). */
    private static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static UsmApiException notFound(String name, String cc) {
        return UsmApiException.notFound("connector \"" + name + "\" not found in " + cc);
    }
}

package io.connectusm.endpoint.api;

import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.UsmApiException;
import io.connectusm.endpoint.store.ConnectorStore;
import io.connectusm.endpoint.store.RegistrationStore;

/**
 * {@code usm/v1/connect-clusters/{id}/connectors}: the connectors of a registered Connect cluster as last
 * reported (masked config only), one connector, and its change history. Thread-safe.
 */
final class ConnectorsResource {

    static final String PATH = ConnectClustersResource.PATH + "/{id}/connectors";

    private final ConnectorStore connectors;
    private final ClusterLookup lookup;

    ConnectorsResource(ConnectorStore connectors, RegistrationStore registrations) {
        this.connectors = connectors;
        this.lookup = new ClusterLookup(registrations);
    }

    ApiResponse list(Call call) {
        String cc = lookup.connectCluster(call, call.param("id")).id();
        return ApiResponse.json(200, ResourceJson.connectorList(connectors.list(cc)));
    }

    ApiResponse describe(Call call) {
        String cc = lookup.connectCluster(call, call.param("id")).id();
        String name = call.param("name");
        return ApiResponse.json(200, ResourceJson.connector(connectors.get(cc, name)
                .orElseThrow(() -> notFound(name, cc))));
    }

    /** The history, also of a deleted connector; 404 only for one the cluster never reported. */
    ApiResponse history(Call call) {
        String cc = lookup.connectCluster(call, call.param("id")).id();
        String name = call.param("name");
        if (!connectors.known(cc, name)) {
            throw notFound(name, cc);
        }
        return ApiResponse.json(200, ResourceJson.history(name, connectors.history(cc, name)));
    }

    private static UsmApiException notFound(String name, String cc) {
        return UsmApiException.notFound("connector \"" + name + "\" not found in " + cc);
    }
}

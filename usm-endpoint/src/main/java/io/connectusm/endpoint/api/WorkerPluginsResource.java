package io.connectusm.endpoint.api;

import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.store.RegistrationStore;
import io.connectusm.endpoint.store.WorkerPluginStore;

/** {@code usm/v1/connect-clusters/{id}/plugins}: every worker's latest plugin list. Thread-safe. */
final class WorkerPluginsResource {

    static final String PATH = ConnectClustersResource.PATH + "/{id}/plugins";

    private final WorkerPluginStore plugins;
    private final ClusterLookup lookup;

    WorkerPluginsResource(WorkerPluginStore plugins, RegistrationStore registrations) {
        this.plugins = plugins;
        this.lookup = new ClusterLookup(registrations);
    }

    ApiResponse list(Call call) {
        String cc = lookup.connectCluster(call, call.param("id")).id();
        return ApiResponse.json(200, ResourceJson.workerPlugins(plugins.list(cc)));
    }
}

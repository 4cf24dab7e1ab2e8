package io.connectusm.endpoint.api;

import java.util.Map;

import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.store.RegistrationStore;
import io.connectusm.endpoint.store.WorkerPluginStore;

/** {@code usm/v1/connect-clusters/{id}/plugins}: every worker's latest plugin list, paged by worker. Thread-safe. */
final class WorkerPluginsResource {

    static final String PATH = ConnectClustersResource.PATH + "/{id}/plugins";

    private final WorkerPluginStore plugins;
    private final ClusterLookup lookup;
    private final Links links;

    WorkerPluginsResource(WorkerPluginStore plugins, RegistrationStore registrations, Links links) {
        this.plugins = plugins;
        this.lookup = new ClusterLookup(registrations);
        this.links = links;
    }

    ApiResponse list(Call call) {
        String cc = lookup.connectCluster(call, call.param("id")).id();
        int size = Paging.size(call, Paging.DEFAULT_SIZE);
        return Paging.respond(links, ConnectClustersResource.PATH + "/" + cc + "/plugins", "WorkerPluginList",
                Map.of(), size, plugins.page(cc, Paging.after(call), size), ResourceJson::workerPlugins);
    }
}

package io.connectusm.endpoint.api;

import io.connectusm.endpoint.auth.ApiKeys;
import io.connectusm.endpoint.store.Stores;
import io.connectusm.events.EventCodec;

/**
 * The {@code usm/v1} API at a glance: every route, who may call it, and the resource method that serves it.
 * Read this table to find where a request goes. Stateless.
 */
public final class UsmV1Api {

    /** The path prefix of every route of the API. */
    public static final String PREFIX = "/usm/v1";

    private UsmV1Api() {
    }

    /** Adds the API's routes to {@code table}, served over {@code stores} and {@code apiKeys}. */
    public static RouteTable.Builder addRoutes(RouteTable.Builder table, Stores stores, ApiKeys apiKeys, Links links,
                                               String defaultEnvironment) {
        var kafka = new KafkaClustersResource(stores.registrations(), links, defaultEnvironment);
        var connect = new ConnectClustersResource(stores.registrations(), links, defaultEnvironment);
        var connectors = new ConnectorsResource(stores.connectors(), stores.registrations(), links);
        var plugins = new WorkerPluginsResource(stores.plugins(), stores.registrations(), links);
        var events = new EventsResource(new EventCodec(), stores.registrations(), stores.connectors());
        var sightings = new SightingsResource(stores.sightings(), links, defaultEnvironment);
        var keys = new ApiKeysResource(apiKeys, links);
        return table
                .get(KafkaClustersResource.PATH, kafka::list)
                .post(KafkaClustersResource.PATH, Access.ADMIN, "registering a Kafka cluster", kafka::create)
                .get(KafkaClustersResource.PATH + "/{id}", kafka::describe)
                .delete(KafkaClustersResource.PATH + "/{id}", Access.ADMIN, "deregistering a Kafka cluster",
                        kafka::delete)

                .get(ConnectClustersResource.PATH, connect::list)
                .post(ConnectClustersResource.PATH, Access.ADMIN, "registering a Connect cluster", connect::create)
                .get(ConnectClustersResource.PATH + "/{id}", connect::describe)
                .delete(ConnectClustersResource.PATH + "/{id}", Access.ADMIN, "deregistering a Connect cluster",
                        connect::delete)

                .get(ConnectorsResource.PATH, Access.ADMIN, "reading connectors", connectors::list)
                .get(ConnectorsResource.PATH + "/{name}", Access.ADMIN, "reading connectors", connectors::describe)
                .get(ConnectorsResource.PATH + "/{name}/history", Access.ADMIN, "reading connectors",
                        connectors::history)
                .delete(ConnectorsResource.PATH + "/{name}/history", Access.ADMIN, "purging a connector's history",
                        connectors::purgeHistory)
                .get(WorkerPluginsResource.PATH, Access.ADMIN, "reading plugins", plugins::list)

                .post(EventsResource.PATH, events::ingest)

                .post(SightingsResource.PATH, sightings::report)
                .get(SightingsResource.PATH, Access.ADMIN, "listing sightings", sightings::list)

                .area(ApiKeysResource.PATH, Access.ADMIN, "managing API keys")
                .get(ApiKeysResource.PATH, keys::list)
                .post(ApiKeysResource.PATH, keys::create)
                .get(ApiKeysResource.PATH + "/{key}", keys::describe)
                .delete(ApiKeysResource.PATH + "/{key}", Access.ADMIN, "managing API keys", keys::delete);
    }
}

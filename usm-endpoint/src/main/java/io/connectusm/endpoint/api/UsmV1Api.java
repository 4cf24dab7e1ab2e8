package io.connectusm.endpoint.api;

import java.util.Set;

import io.connectusm.endpoint.auth.ApiKeys;
import io.connectusm.endpoint.ingest.IngestScrubCounts;
import io.connectusm.endpoint.ingest.IngestScrubber;
import io.connectusm.endpoint.store.Stores;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MediaTypes;

/**
 * The {@code usm/v1} API at a glance: every route, who may call it, and the resource method that serves it.
 * Read this table to find where a request goes. Stateless.
 */
public final class UsmV1Api {

    /** The path prefix of every route of the API. */
    public static final String PREFIX = "/usm/v1";

    private UsmV1Api() {
    }

    /** Adds the API's routes to {@code table}, served over {@code stores} and {@code apiKeys}, default limits. */
    public static RouteTable.Builder addRoutes(RouteTable.Builder table, Stores stores, ApiKeys apiKeys, Links links,
                                               String defaultEnvironment) {
        return addRoutes(table, stores, apiKeys, links, defaultEnvironment, ApiLimits.DEFAULTS);
    }

    /** Adds the API's routes to {@code table}, served over {@code stores} and {@code apiKeys}. */
    public static RouteTable.Builder addRoutes(RouteTable.Builder table, Stores stores, ApiKeys apiKeys, Links links,
                                               String defaultEnvironment, ApiLimits limits) {
        return addRoutes(table, stores, apiKeys, links, defaultEnvironment, limits, IngestObserver.NONE);
    }

    /** {@link #addRoutes(RouteTable.Builder, Stores, ApiKeys, Links, String, ApiLimits)}, telling {@code ingest}
     *  of every refused event batch; received events go through an ingest scrub of their own. */
    public static RouteTable.Builder addRoutes(RouteTable.Builder table, Stores stores, ApiKeys apiKeys, Links links,
                                               String defaultEnvironment, ApiLimits limits, IngestObserver ingest) {
        return addRoutes(table, stores, apiKeys, links, defaultEnvironment, limits, ingest,
                new IngestScrubber(new IngestScrubCounts()));
    }

    /**
     * Adds the API's routes to {@code table}, served over {@code stores} and {@code apiKeys}, telling {@code ingest}
     * of every refused event batch; received events go through {@code scrubber} before they are stored.
     */
    public static RouteTable.Builder addRoutes(RouteTable.Builder table, Stores stores, ApiKeys apiKeys, Links links,
                                               String defaultEnvironment, ApiLimits limits, IngestObserver ingest,
                                               IngestScrubber scrubber) {
        var kafka = new KafkaClustersResource(stores.registrations(), links, defaultEnvironment);
        var connect = new ConnectClustersResource(stores.registrations(), links, defaultEnvironment);
        var connectors = new ConnectorsResource(stores.connectors(), stores.registrations(), links);
        var topics = new TopicsResource(stores.connectors(), stores.registrations(), links);
        var plugins = new WorkerPluginsResource(stores.plugins(), stores.registrations(), links);
        var events = new EventsResource(new EventCodec(), stores.registrations(), stores.connectors(),
                stores.reports(), limits.eventsMaxFuture(), limits.clock(), scrubber);
        var sightings = new SightingsResource(stores.sightings(), defaultEnvironment, links,
                limits.sightingsPerRequest());
        var keys = new ApiKeysResource(apiKeys, links);
        return table
                .apiBodies(EventsResource.PATH, Set.of(RouteTable.JSON, MediaTypes.CLOUDEVENTS_BATCH_JSON))
                .get(KafkaClustersResource.PATH, kafka::list)
                .post(KafkaClustersResource.PATH, Access.ADMIN, "registering a Kafka cluster", kafka::create)
                .get(KafkaClustersResource.PATH + "/{id}", kafka::describe)
                .delete(KafkaClustersResource.PATH + "/{id}", Access.ADMIN, "deregistering a Kafka cluster",
                        kafka::delete)
                .get(KafkaClustersResource.PATH + "/{kafka_id}/topics/{topic}/connectors", Access.READ,
                        "reading connectors", topics::connectors)

                .get(ConnectClustersResource.PATH, connect::list)
                .post(ConnectClustersResource.PATH, Access.ADMIN, "registering a Connect cluster", connect::create)
                .get(ConnectClustersResource.PATH + "/{id}", connect::describe)
                .delete(ConnectClustersResource.PATH + "/{id}", Access.ADMIN, "deregistering a Connect cluster",
                        connect::delete)

                .get(ConnectorsResource.PATH, Access.READ, "reading connectors", connectors::list)
                .get(ConnectorsResource.PATH + "/{name}", Access.READ, "reading connectors", connectors::describe)
                .get(ConnectorsResource.PATH + "/{name}/history", Access.READ, "reading connectors",
                        connectors::history)
                .delete(ConnectorsResource.PATH + "/{name}/history", Access.ADMIN, "purging a connector's history",
                        connectors::purgeHistory)
                .get(WorkerPluginsResource.PATH, Access.READ, "reading plugins", plugins::list)

                .post(EventsResource.PATH, Access.REPORT, "posting events", ingest.observing(events::ingest))

                .post(SightingsResource.PATH, Access.REPORT, "reporting sightings", sightings::report)
                .get(SightingsResource.PATH, Access.READ, "listing sightings", sightings::list)
                .delete(SightingsResource.PATH + "/{kafka_cluster_id}/{connect_cluster_id}", Access.ADMIN,
                        "deleting a sighting", sightings::delete)

                .area(ApiKeysResource.PATH, Access.ADMIN, "managing API keys")
                .get(ApiKeysResource.PATH, keys::list)
                .post(ApiKeysResource.PATH, keys::create)
                .get(ApiKeysResource.PATH + "/{key}", keys::describe)
                .delete(ApiKeysResource.PATH + "/{key}", Access.ADMIN, "managing API keys", keys::delete);
    }
}

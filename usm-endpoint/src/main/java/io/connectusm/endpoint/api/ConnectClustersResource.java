package io.connectusm.endpoint.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.Json;
import io.connectusm.endpoint.store.ConnectCluster;
import io.connectusm.endpoint.store.RegistrationStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code usm/v1/connect-clusters}: register under a registered Kafka cluster, list by environment (paged),
 * describe, deregister (which purges the cluster's connectors, history and plugin lists). Thread-safe.
 */
final class ConnectClustersResource {

    static final String PATH = UsmV1Api.PREFIX + "/connect-clusters";

    private static final Logger log = LoggerFactory.getLogger(ConnectClustersResource.class);

    private final RegistrationStore registrations;
    private final ClusterLookup lookup;
    private final Links links;
    private final String defaultEnvironment;

    ConnectClustersResource(RegistrationStore registrations, Links links, String defaultEnvironment) {
        this.registrations = registrations;
        this.lookup = new ClusterLookup(registrations);
        this.links = links;
        this.defaultEnvironment = defaultEnvironment;
    }

    ApiResponse list(Call call) {
        return Paging.respond(call, links, PATH, "ConnectClusterList", registrations::listConnectClusters,
                ResourceJson::connectCluster);
    }

    ApiResponse create(Call call) {
        ObjectNode body = Json.parseObject(call.body());
        String cpConnect = JsonFields.localId(body, "confluent_platform_connect_cluster_id");
        String cpKafka = JsonFields.localId(body, "kafka_cluster_id");
        String cloud = JsonFields.optionalText(body, "cloud");
        String region = JsonFields.optionalText(body, "region");
        ConnectCluster created = registrations.createConnectCluster(JsonFields.environment(body, defaultEnvironment),
                cpConnect, cpKafka, JsonFields.displayName(body, cpConnect),
                cloud == null ? null : InputRules.cloud("cloud", cloud),
                region == null ? null : InputRules.region(region));
        log.info("registered Connect cluster {}/{} as {} in {}", cpKafka, cpConnect, created.id(),
                created.environment());
        return ApiResponse.json(201, ResourceJson.connectCluster(created));
    }

    ApiResponse describe(Call call) {
        return ApiResponse.json(200, ResourceJson.connectCluster(lookup.connectCluster(call, call.param("id"))));
    }

    ApiResponse delete(Call call) {
        String id = lookup.connectCluster(call, call.param("id")).id();
        registrations.deleteConnectCluster(id);
        log.info("deregistered Connect cluster {}", id);
        return ApiResponse.noContent();
    }
}

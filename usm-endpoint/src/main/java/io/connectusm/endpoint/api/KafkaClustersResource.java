package io.connectusm.endpoint.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.Json;
import io.connectusm.endpoint.store.KafkaCluster;
import io.connectusm.endpoint.store.RegistrationStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code usm/v1/kafka-clusters}: register, list by environment (paged), describe, deregister. Thread-safe.
 */
final class KafkaClustersResource {

    static final String PATH = UsmV1Api.PREFIX + "/kafka-clusters";

    private static final Logger log = LoggerFactory.getLogger(KafkaClustersResource.class);

    private final RegistrationStore registrations;
    private final ClusterLookup lookup;
    private final Links links;
    private final String defaultEnvironment;

    KafkaClustersResource(RegistrationStore registrations, Links links, String defaultEnvironment) {
        this.registrations = registrations;
        this.lookup = new ClusterLookup(registrations);
        this.links = links;
        this.defaultEnvironment = defaultEnvironment;
    }

    ApiResponse list(Call call) {
        return Paging.respond(call, links, PATH, "KafkaClusterList", registrations::listKafkaClusters,
                ResourceJson::kafkaCluster);
    }

    ApiResponse create(Call call) {
        ObjectNode body = Json.parseObject(call.body());
        String cpId = JsonFields.localId(body, "confluent_platform_kafka_cluster_id");
        KafkaCluster created = registrations.createKafkaCluster(JsonFields.environment(body, defaultEnvironment),
                cpId, JsonFields.displayName(body, cpId),
                InputRules.cloud("cloud", JsonFields.requiredText(body, "cloud")),
                InputRules.region(JsonFields.requiredText(body, "region")));
        log.info("registered Kafka cluster {} as {} in {}", cpId, created.id(), created.environment());
        return ApiResponse.json(201, ResourceJson.kafkaCluster(created));
    }

    ApiResponse describe(Call call) {
        return ApiResponse.json(200, ResourceJson.kafkaCluster(lookup.kafkaCluster(call, call.param("id"))));
    }

    ApiResponse delete(Call call) {
        String id = lookup.kafkaCluster(call, call.param("id")).id();
        registrations.deleteKafkaCluster(id);
        log.info("deregistered Kafka cluster {}", id);
        return ApiResponse.noContent();
    }
}

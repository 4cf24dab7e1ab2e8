package io.connectusm.endpoint.api;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.Json;
import io.connectusm.endpoint.http.UsmApiException;
import io.connectusm.endpoint.store.ConnectorStore;
import io.connectusm.endpoint.store.RegistrationStore;
import io.connectusm.endpoint.store.TopicUser;
import io.connectusm.events.TopicNames;

/**
 * {@code usm/v1/kafka-clusters/{kafka_id}/topics/{topic}/connectors}: the live connectors of every Connect cluster of
 * a Kafka cluster that have the topic among their active topics (lineage: "who writes to or reads this topic"),
 * paged like the other lists, by Connect cluster then name. Connectors whose workers do not track topics are not in
 * it: absent is "not known to use it", not "does not use it". Thread-safe.
 */
final class TopicsResource {

    private final ConnectorStore connectors;
    private final ClusterLookup lookup;
    private final Links links;

    TopicsResource(ConnectorStore connectors, RegistrationStore registrations, Links links) {
        this.connectors = connectors;
        this.lookup = new ClusterLookup(registrations);
        this.links = links;
    }

    ApiResponse connectors(Call call) {
        String kafkaId = lookup.kafkaCluster(call, call.param("kafka_id")).id();
        String topic = call.param("topic");
        if (!TopicNames.isLegal(topic)) {
            throw UsmApiException.badRequest("topic must be a Kafka topic name: 1 to 249 characters of "
                    + "[a-zA-Z0-9._-], not . or ..");
        }
        int size = Paging.size(call, Paging.DEFAULT_SIZE);
        String after = Paging.after(call);
        try {
            // A legal topic name is its own path segment: nothing in it needs encoding.
            return Paging.respond(links, KafkaClustersResource.PATH + "/" + kafkaId + "/topics/" + topic
                    + "/connectors", "TopicConnectorList", Map.of(), size,
                    connectors.topicUsers(kafkaId, topic, after, size), TopicsResource::item);
        } catch (IllegalArgumentException e) {
            throw Paging.badToken();
        }
    }

    private static ObjectNode item(TopicUser u) {
        ObjectNode o = Json.object();
        o.put("environment", u.environment());
        o.putObject("connect_cluster").put("id", u.connectClusterId()).put("display_name", u.connectClusterName());
        o.put("name", u.name());
        o.put("type", u.connectorType());
        o.put("state", u.state());
        return o;
    }
}

package io.connectusm.endpoint.api;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.endpoint.http.UsmApiException;
import io.connectusm.events.ClusterRef;

/**
 * A batch named at least one Connect cluster that has no registration: the whole batch is rejected with
 * 403 and the error lists every such cluster so the agent (and its operator) know what to register.
 */
final class ClusterNotRegisteredException extends UsmApiException {

    private static final long serialVersionUID = 1L;

    private final transient List<ClusterRef> clusters;

    ClusterNotRegisteredException(List<ClusterRef> clusters) {
        super(403, "cluster_not_registered", "events rejected: Connect cluster(s) not registered: " + clusters
                + "; register them with 'usm connect register'");
        this.clusters = List.copyOf(clusters);
    }

    List<ClusterRef> clusters() {
        return clusters;
    }

    @Override
    protected void addDetails(ObjectNode error) {
        addClusters(error, clusters);
    }

    /** The {@code clusters} array of a refusal that names clusters. */
    static void addClusters(ObjectNode error, List<ClusterRef> clusters) {
        ArrayNode array = error.putArray("clusters");
        for (ClusterRef ref : clusters) {
            array.addObject()
                    .put("kafka_cluster_id", ref.kafkaClusterId())
                    .put("connect_cluster_id", ref.connectClusterId());
        }
    }
}

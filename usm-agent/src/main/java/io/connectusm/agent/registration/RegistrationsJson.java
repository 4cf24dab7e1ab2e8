package io.connectusm.agent.registration;

import io.connectusm.api.ConnectCluster;
import io.connectusm.api.ConnectClusterList;
import io.connectusm.events.ClusterRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The agent's side of the {@code usm/v1} {@code ConnectClusterList}: what the endpoint lists, the on-disk cache
 * and the static registrations file all share that shape (read and written by usm-api's
 * {@link ConnectClusterList}); this class maps its {@link ConnectCluster}s to {@link Registration}s, refusing one
 * the registration check could not use (no USM ID, Connect cluster ID or Kafka cluster ID). Stateless; thread-safe.
 */
public final class RegistrationsJson {

    private RegistrationsJson() {
    }

    /**
     * The registrations of a {@code ConnectClusterList} document (a file; a {@code metadata.next} is ignored).
     *
     * @throws IOException when the JSON is malformed or a cluster lacks an ID
     */
    public static List<Registration> parse(byte[] json) throws IOException {
        return fromClusters(ConnectClusterList.read(json));
    }

    /**
     * The registrations of clusters the endpoint listed.
     *
     * @throws IOException when a cluster lacks an ID
     */
    public static List<Registration> fromClusters(Collection<ConnectCluster> clusters) throws IOException {
        List<Registration> registrations = new ArrayList<>(clusters.size());
        for (ConnectCluster cluster : clusters) {
            String id = nonEmpty(cluster.id());
            String connectId = nonEmpty(cluster.confluentPlatformConnectClusterId());
            String kafkaId = nonEmpty(cluster.kafkaClusterId());
            if (id == null || connectId == null || kafkaId == null) {
                throw new IOException("a ConnectCluster lacks id, confluent_platform_connect_cluster_id or kafka_cluster_id");
            }
            registrations.add(new Registration(new ClusterRef(kafkaId, connectId), id,
                    nonEmpty(cluster.usmKafkaClusterId()), nonEmpty(cluster.environment()),
                    nonEmpty(cluster.displayName())));
        }
        return List.copyOf(registrations);
    }

    /** Writes registrations as one complete {@code ConnectClusterList} (no next page). */
    public static byte[] write(Collection<Registration> registrations) {
        return ConnectClusterList.write(registrations.stream().map(r -> new ConnectCluster(r.usmConnectClusterId(),
                r.cluster().connectClusterId(), r.cluster().kafkaClusterId(), r.usmKafkaClusterId(), r.displayName(),
                null, null, r.environmentId(), null)).toList());
    }

    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}

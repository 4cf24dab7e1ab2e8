package io.connectusm.agent.registration;

import io.connectusm.events.ClusterRef;
import java.util.Objects;

/**
 * One Connect cluster registered with USM: the local IDs and the cloud IDs the endpoint gave them.
 * Immutable.
 *
 * @param cluster              the local (Kafka cluster ID, Connect cluster ID)
 * @param usmConnectClusterId  {@code usmcc-…}
 * @param usmKafkaClusterId    {@code usmkc-…}, may be {@code null}
 * @param environmentId        {@code env-…}, may be {@code null}
 * @param displayName          may be {@code null}
 */
public record Registration(
        ClusterRef cluster,
        String usmConnectClusterId,
        String usmKafkaClusterId,
        String environmentId,
        String displayName) {

    public Registration {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(usmConnectClusterId, "usmConnectClusterId");
    }
}

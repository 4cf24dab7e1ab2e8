package io.connectusm.cli.connect;

import java.util.List;

import io.connectusm.cli.login.UsmResource;
import io.connectusm.cli.login.UsmResource.Column;
import io.connectusm.cli.output.ResourceIds;

/**
 * USM Connect clusters as the {@code usm connect} commands handle and print them: the rows of Confluent's
 * register/describe table, in its order. Stateless.
 */
final class ConnectClusters {

    static final UsmResource RESOURCE = new UsmResource("USM Connect cluster", ResourceIds.CONNECT_CLUSTER_PREFIX,
            "/usm/v1/connect-clusters", List.of(
                    new Column("ID", "id", "/id"),
                    new Column("Confluent Platform Connect Cluster", "confluent_platform_connect_cluster",
                            "/confluent_platform_connect_cluster_id"),
                    new Column("USM Kafka Cluster ID", "usm_kafka_cluster_id", "/usm_kafka_cluster_id"),
                    new Column("Confluent Platform Kafka Cluster ID", "confluent_platform_kafka_cluster_id",
                            "/kafka_cluster_id"),
                    new Column("Cloud", "cloud", "/cloud"),
                    new Column("Region", "region", "/region"),
                    new Column("Environment", "environment", "/environment/id")));

    private ConnectClusters() {
    }
}

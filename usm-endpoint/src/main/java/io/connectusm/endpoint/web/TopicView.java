package io.connectusm.endpoint.web;

import java.util.List;

/**
 * The model of the "connectors using this topic" page: the topic, its Kafka cluster, and one line per connector of
 * any of that cluster's Connect clusters that has the topic among its active topics. Immutable.
 *
 * @param total how many connectors use it in all
 * @param next  the link to the next page, or {@code null} on the last
 */
record TopicView(Frame frame, String topic, String kafkaCluster, List<Line> connectors, int total, String next) {

    /** One connector: its name and page, its Connect cluster and page, its type and state. */
    record Line(String name, String href, String cluster, String clusterHref, String type, String state) {
    }

    TopicView {
        connectors = List.copyOf(connectors);
    }
}

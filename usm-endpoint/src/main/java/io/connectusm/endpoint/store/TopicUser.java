package io.connectusm.endpoint.store;

/**
 * One connector that uses a topic (has it among its active topics), as the "connectors using this topic" list shows
 * it: where it runs and what it is. Immutable.
 *
 * @param environment        the environment of its Connect cluster
 * @param connectClusterId   the USM ID of its Connect cluster ({@code usmcc-…})
 * @param connectClusterName that cluster's display name
 * @param name               the connector's name
 * @param connectorType      SOURCE, SINK or UNKNOWN
 * @param state              the connector's own state
 */
public record TopicUser(String environment, String connectClusterId, String connectClusterName, String name,
                        String connectorType, String state) {

    /** The page key of this item: the Connect cluster ID (which holds no '/') then the connector's name. */
    String pageKey() {
        return connectClusterId + "/" + name;
    }
}

package io.connectusm.agent.spool;

import io.connectusm.events.ClusterRef;
import io.connectusm.events.ScannedEvent;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What the spool coalesces on: per cluster, one key per connector (snapshots and deletions of it), one for
 * the cluster's inventory and one per worker's plugins. So the spool holds at most a few entries per
 * connector, however many events arrive. Immutable.
 *
 * @param cluster the Connect cluster
 * @param kind    {@code connector}, {@code inventory} or {@code worker}
 * @param subject connector name, worker ID, or empty for the inventory
 */
public record SpoolKey(ClusterRef cluster, String kind, String subject) {

    /** The kind of a cluster's inventory key. */
    static final String INVENTORY = "inventory";

    /** The key an event coalesces under (a worker-plugins event's subject is its payload's worker ID). */
    public static SpoolKey of(ScannedEvent event) {
        return switch (event.type()) {
            case CONNECTOR_SNAPSHOT, CONNECTOR_DELETED -> new SpoolKey(event.cluster(), "connector", event.subject());
            case CLUSTER_INVENTORY -> new SpoolKey(event.cluster(), INVENTORY, "");
            case WORKER_PLUGINS -> new SpoolKey(event.cluster(), "worker", event.subject());
        };
    }

    /** The store key: the four parts URL-encoded and joined by {@code /}, so any ID round-trips. */
    public String encode() {
        return enc(cluster.kafkaClusterId()) + '/' + enc(cluster.connectClusterId()) + '/' + enc(kind) + '/'
                + enc(subject == null ? "" : subject);
    }

    /** The inverse of {@link #encode()}; {@code null} for a string it did not produce. */
    public static SpoolKey decode(String key) {
        String[] parts = key.split("/", -1);
        if (parts.length != 4) {
            return null;
        }
        try {
            return new SpoolKey(new ClusterRef(dec(parts[0]), dec(parts[1])), dec(parts[2]), dec(parts[3]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String enc(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }

    private static String dec(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}

package io.connectusm.api;

import java.nio.charset.StandardCharsets;

/**
 * The {@code usm/v1} paths as the endpoint serves them, with every caller-supplied part percent-encoded as a
 * path segment or query value (a connector name may hold spaces, slashes or {@code +}). The only place that
 * spells a path. Stateless.
 */
public final class UsmPaths {

    public static final String PREFIX = "/usm/v1";
    public static final String KAFKA_CLUSTERS = PREFIX + "/kafka-clusters";
    public static final String CONNECT_CLUSTERS = PREFIX + "/connect-clusters";
    public static final String EVENTS = PREFIX + "/events";
    public static final String SIGHTINGS = PREFIX + "/sightings";
    public static final String API_KEYS = PREFIX + "/api-keys";

    /** The page size the client asks for: the endpoint's maximum, so long lists take few requests. */
    public static final int PAGE_SIZE = 100;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UsmPaths() {
    }

    /** {@code /usm/v1/kafka-clusters/<id>} */
    public static String kafkaCluster(String id) {
        return KAFKA_CLUSTERS + "/" + segment(id);
    }

    /** {@code /usm/v1/kafka-clusters/<id>/topics/<topic>/connectors}: the connectors using a topic. */
    public static String topicConnectors(String kafkaClusterId, String topic) {
        return kafkaCluster(kafkaClusterId) + "/topics/" + segment(topic) + "/connectors";
    }

    /** {@code /usm/v1/connect-clusters/<id>} */
    public static String connectCluster(String id) {
        return CONNECT_CLUSTERS + "/" + segment(id);
    }

    /** {@code /usm/v1/connect-clusters/<id>/connectors} */
    public static String connectors(String connectClusterId) {
        return connectCluster(connectClusterId) + "/connectors";
    }

    /** {@code /usm/v1/connect-clusters/<id>/connectors/<name>} */
    public static String connector(String connectClusterId, String name) {
        return connectors(connectClusterId) + "/" + segment(name);
    }

    /** {@code /usm/v1/connect-clusters/<id>/connectors/<name>/history} */
    public static String connectorHistory(String connectClusterId, String name) {
        return connector(connectClusterId, name) + "/history";
    }

    /** {@code /usm/v1/connect-clusters/<id>/plugins} */
    public static String plugins(String connectClusterId) {
        return connectCluster(connectClusterId) + "/plugins";
    }

    /** {@code /usm/v1/api-keys/<key>} */
    public static String apiKey(String key) {
        return API_KEYS + "/" + segment(key);
    }

    /** The first page of a collection of an environment: {@code <collection>?environment=<env>&page_size=100}. */
    public static String firstPage(String collection, String environment) {
        return collection + "?environment=" + queryValue(environment) + "&page_size=" + PAGE_SIZE;
    }

    /** {@code path}, with {@code ?environment=<env>} when an environment is given (a filter of the one resource). */
    public static String inEnvironment(String path, String environment) {
        return environment == null || environment.isBlank() ? path : path + "?environment=" + queryValue(environment);
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters. */
    public static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    /** A query value: the same encoding as a segment, so {@code +} and spaces survive form decoding. */
    public static String queryValue(String value) {
        return segment(value);
    }
}

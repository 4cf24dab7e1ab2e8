package io.connectusm.cli.output;

/** Checks resource IDs before any request, with Confluent's wording. Stateless. */
public final class ResourceIds {

    public static final String KAFKA_CLUSTER_PREFIX = "usmkc-";
    public static final String CONNECT_CLUSTER_PREFIX = "usmcc-";

    private ResourceIds() {
    }

    /** @throws UsmCliException {@code failed parsing resource ID <id>: missing prefix "<prefix>"} */
    public static String require(String id, String prefix) {
        if (id == null || !id.startsWith(prefix) || id.length() == prefix.length()) {
            throw new UsmCliException("failed parsing resource ID " + id + ": missing prefix \"" + prefix + "\"");
        }
        return id;
    }
}

package io.connectusm.cli.output;

import java.util.List;

/** Checks resource IDs before any request, with Confluent's wording; a wrong ID is a usage error. Stateless. */
public final class ResourceIds {

    public static final String KAFKA_CLUSTER_PREFIX = "usmkc-";
    public static final String CONNECT_CLUSTER_PREFIX = "usmcc-";

    private ResourceIds() {
    }

    /** @throws UsmCliException (usage) {@code failed parsing resource ID <id>: missing prefix "<prefix>"} */
    public static String require(String id, String prefix) {
        requireAll(List.of(id == null ? "" : id), prefix);
        return id;
    }

    /**
     * @throws UsmCliException (usage) naming every malformed ID, as Confluent's {@code ValidatePrefixes}:
     *                         {@code failed parsing resource IDs "a" and "b": missing prefix "usmcc-"}
     */
    public static void requireAll(List<String> ids, String prefix) {
        List<String> malformed = ids.stream().filter(id -> !id.startsWith(prefix) || id.length() == prefix.length())
                .toList();
        if (malformed.size() == 1) {
            throw UsmCliException.usage("failed parsing resource ID " + malformed.get(0) + ": missing prefix \""
                    + prefix + "\"");
        }
        if (malformed.size() > 1) {
            throw UsmCliException.usage("failed parsing resource IDs " + Wording.quotedList(malformed)
                    + ": missing prefix \"" + prefix + "\"");
        }
    }
}

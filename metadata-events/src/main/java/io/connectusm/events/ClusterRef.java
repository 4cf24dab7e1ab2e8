package io.connectusm.events;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Identifies one self-managed Connect cluster the way USM does: the ID of the Kafka cluster its workers
 * use for their internal topics, plus the Connect cluster ID (the workers' {@code group.id} unless
 * overridden).
 *
 * <p>This pair is the key of the registration map in the agent and the endpoint. A value class (equal when
 * both IDs are equal), written as a final class rather than a record so that it stays Java 11 bytecode for
 * the worker plugin. Immutable and thread-safe.
 */
public final class ClusterRef {

    private final String kafkaClusterId;
    private final String connectClusterId;
    /**
     * {@link #source()}, made on first use: every event the worker writes carries it. A benign race: two threads
     * may both make the same immutable string.
     */
    private String source;

    /**
     * @param kafkaClusterId   the ID of the Kafka cluster of the workers' internal topics, not empty
     * @param connectClusterId the Connect cluster ID, not empty
     */
    public ClusterRef(String kafkaClusterId, String connectClusterId) {
        Objects.requireNonNull(kafkaClusterId, "kafkaClusterId");
        Objects.requireNonNull(connectClusterId, "connectClusterId");
        if (kafkaClusterId.isEmpty() || connectClusterId.isEmpty()) {
            throw new IllegalArgumentException("cluster IDs must not be empty");
        }
        this.kafkaClusterId = kafkaClusterId;
        this.connectClusterId = connectClusterId;
    }

    public String kafkaClusterId() {
        return kafkaClusterId;
    }

    public String connectClusterId() {
        return connectClusterId;
    }

    /**
     * The CloudEvents {@code source} of every event about this cluster: {@code /connect/{kafka}/{connect}}.
     * Each ID is one path segment: characters outside RFC 3986's unreserved set ({@code A-Z a-z 0-9 - . _ ~})
     * are percent-encoded from UTF-8 with upper-case hex, so any {@code group.id} gives a valid URI reference
     * and {@code /} inside an ID cannot shift the segments. Usual IDs ({@code lkc-abc123},
     * {@code connect-cluster}) are unchanged.
     */
    public String source() {
        String made = source;
        if (made == null) {
            made = SOURCE_PREFIX + pathSegment(kafkaClusterId) + "/" + pathSegment(connectClusterId);
            source = made;
        }
        return made;
    }

    /**
     * Whether {@code source} equals {@link #source()}, without building it when both IDs are made of unreserved
     * characters only (then each is its own path segment): the scanner checks the source of every event.
     */
    boolean isSource(String source) {
        if (!isUnreserved(kafkaClusterId) || !isUnreserved(connectClusterId)) {
            return source.equals(source());
        }
        int kafka = SOURCE_PREFIX.length();
        int connect = kafka + kafkaClusterId.length() + 1;
        return source.length() == connect + connectClusterId.length() && source.startsWith(SOURCE_PREFIX)
                && source.startsWith(kafkaClusterId, kafka) && source.charAt(connect - 1) == '/'
                && source.startsWith(connectClusterId, connect);
    }

    private static final String SOURCE_PREFIX = "/connect/";

    private static boolean isUnreserved(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (!isUnreserved(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3986's unreserved characters, which {@link #source()} keeps as they are. */
    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ClusterRef)) {
            return false;
        }
        ClusterRef that = (ClusterRef) other;
        return kafkaClusterId.equals(that.kafkaClusterId) && connectClusterId.equals(that.connectClusterId);
    }

    @Override
    public int hashCode() {
        return 31 * kafkaClusterId.hashCode() + connectClusterId.hashCode();
    }

    @Override
    public String toString() {
        return kafkaClusterId + "/" + connectClusterId;
    }

    private static String pathSegment(String id) {
        StringBuilder out = new StringBuilder(id.length());
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}

package io.connectusm.events;

/**
 * The size limits of the wire contract, enforced by {@link EventCodec} in both directions: it refuses to
 * encode an event it would refuse to decode, and it rejects input over a limit with
 * {@link EventDecodingException.Kind#LIMIT_EXCEEDED} while streaming, before building what lies beyond it.
 *
 * <p>The limits are generous for real Connect clusters and exist so that one bad or hostile client cannot
 * make a receiver allocate without bound. A receiver's HTTP body limit should not exceed
 * {@link #MAX_DOCUMENT_BYTES}. Constants only; no instances.
 */
public final class EventLimits {

    /** Events in one batch. */
    public static final int MAX_EVENTS_PER_BATCH = 1000;

    /** Entries in one snapshot's {@code config}, and names in its {@code masked_keys}. */
    public static final int MAX_CONFIG_ENTRIES = 1000;

    /** Tasks in one snapshot. */
    public static final int MAX_TASKS = 1000;

    /**
     * Topics in one snapshot's {@code topics}: room for a connector whose {@code topics.regex} matches a large
     * cluster's every topic.
     */
    public static final int MAX_TOPICS = 10_000;

    /** Characters in a topic name, as Kafka limits it ({@code Topic.MAX_NAME_LENGTH}); see {@link TopicNames}. */
    public static final int MAX_TOPIC_NAME_CHARS = 249;

    /** Connectors in one cluster inventory. */
    public static final int MAX_INVENTORY_ENTRIES = 100_000;

    /** Plugins in one worker-plugins event. */
    public static final int MAX_PLUGINS = 10_000;

    /**
     * Characters (UTF-16 code units) in any string value. 1 MiB: room for the longest stack traces Connect
     * reports; an emitter should cut longer traces (see {@link #truncate(String)}).
     */
    public static final int MAX_STRING_CHARS = 1 << 20;

    /** Characters in any object key: config keys, connector names in an inventory, attribute names. */
    public static final int MAX_KEY_CHARS = 10_000;

    /**
     * Nesting of JSON arrays and objects. The contract itself needs 5 (batch, event, data, tasks, task); the
     * rest is room for fields that later versions may add and that this version skips.
     */
    public static final int MAX_NESTING_DEPTH = 32;

    /** Bytes of one encoded event or batch. */
    public static final int MAX_DOCUMENT_BYTES = 64 << 20;

    private EventLimits() {
    }

    /**
     * Cuts a string (typically a stack trace) to {@link #MAX_STRING_CHARS}, never splitting a surrogate
     * pair, so that an emitter can always encode it.
     *
     * @return {@code text} itself when it fits, else its longest prefix that fits; {@code null} for {@code null}
     */
    public static String truncate(String text) {
        if (text == null || text.length() <= MAX_STRING_CHARS) {
            return text;
        }
        int end = MAX_STRING_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}

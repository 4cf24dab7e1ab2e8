package io.connectusm.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The first phase of {@link EventScanner}: one event read from the parser, keeping what the contract knows, the
 * way {@link Shape} outlines it ({@link Envelope#SHAPE} around {@link PayloadFormats#DATA_SHAPE}) — the same parser
 * calls in the same order and the same collection limits at the same points, so that a document {@code Shape.read}
 * refuses is refused here with the same exception — but into fields and arrays rather than a tree. Every scalar is
 * read by {@link Shape#SCALAR}, so it is the very value node the decoder would have checked; a container where a
 * scalar belongs becomes the same empty placeholder. Fields the contract does not know are skipped.
 *
 * <p>With an inspector, every string of the event is shown to it once (values, the keys of {@code config} and
 * {@code connectors}, and the strings of skipped fields, which a forwarder passes on as they are; not the items of
 * {@code topics}, see {@link io.connectusm.events.TopicNames}; not the values of a fixed format the event's type
 * checks, see {@link #inspectUncheckedFormats}), and the event is {@link #flagged} when it said yes to one.
 *
 * <p>Not thread-safe: one per event, filled by {@link #read}, then checked by {@link ScanChecks}.
 *
 * <p>Over 300 lines for a reason: the slot tables of every payload type the scanner fills in one pass; they mirror
 * the formats field by field and are read side by side with them.
 */
final class ScannedFields {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A map-like object ({@code config}, {@code connectors}), or the placeholder of what stood in its place. */
    static final class Entries {
        JsonNode placeholder;
        String[] keys;
        JsonNode[] values;
        int size;
        /**
         * Set by the fast path only while every key is plain ASCII and every value plain ASCII or {@code null}: four
         * ints an entry into {@link #document} (key from, to; value from, to; value from -1 for {@code null}), the
         * bytes being the strings' UTF-8, so that the config fingerprint is hashed from them as they are.
         */
        int[] slices;
        byte[] document;

        Entries() {
            this(8);
        }

        /**
         * Room for {@code capacity} entries before the arrays grow (the fast path gives the size of the last map of
         * the document: the events of a batch have configs of about one size, and growing 8, 16, 32, 64 was a fifth
         * of the bytes the fast path allocated per event).
         */
        Entries(int capacity) {
            keys = new String[Math.max(8, capacity)];
            values = new JsonNode[keys.length];
        }

        /** Starts {@link #slices} for the fast path, with room for as many entries as {@link #keys}. */
        void startSlices(byte[] document) {
            this.document = document;
            slices = new int[4 * keys.length];
        }

        void add(String key, JsonNode value) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            values[size++] = value;
        }

        /** The plain bytes of the entry just {@link #add}ed, or {@code keyFrom < 0}: not plain, no slices. */
        void slice(int keyFrom, int keyTo, int valueFrom, int valueTo) {
            if (slices == null) {
                return;
            }
            if (keyFrom < 0) {
                slices = null;
                return;
            }
            int at = 4 * (size - 1);
            if (at + 4 > slices.length) {
                slices = Arrays.copyOf(slices, Math.max(32, slices.length * 2));
            }
            slices[at] = keyFrom;
            slices[at + 1] = keyTo;
            slices[at + 2] = valueFrom;
            slices[at + 3] = valueTo;
        }
    }

    /** An array of items, or the placeholder of what stood in its place. */
    static final class Items<T> {
        JsonNode placeholder;
        Object[] items = new Object[4];
        int size;

        void add(Object item) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = item;
        }

        @SuppressWarnings("unchecked")
        T get(int index) {
            return (T) items[index];
        }
    }

    /** One object item with known fields ({@code tasks[i]}, {@code plugins[i]}), or the placeholder of a non-object. */
    static final class Fields {
        final JsonNode placeholder;
        final JsonNode[] values;

        Fields(JsonNode placeholder, int count) {
            this.placeholder = placeholder;
            this.values = new JsonNode[count];
        }
    }

    static final int TASK_ID = 0;
    static final int TASK_STATE = 1;
    static final int TASK_WORKER_ID = 2;
    static final int TASK_TRACE = 3;
    static final int PLUGIN_CLASS_NAME = 0;
    static final int PLUGIN_TYPE = 1;
    static final int PLUGIN_VERSION = 2;
    static final int ACTOR_PRINCIPAL = 0;
    static final int ACTOR_CLIENT_ADDRESS = 1;
    static final int ACTOR_FORWARDED_FOR = 2;
    static final int ACTOR_USER_AGENT = 3;
    static final int ACTOR_REQUEST = 4;
    static final int ACTOR_FORWARDED = 5;

    private final FieldPath path;
    private final Predicate<String> inspector;

    /** Where the event's object starts and ends (exclusive) in the document, in bytes. */
    long start;
    long end;
    boolean flagged;

    JsonNode specversion;
    JsonNode id;
    JsonNode source;
    JsonNode type;
    JsonNode subject;
    JsonNode time;
    JsonNode datacontenttype;
    JsonNode kafkaClusterId;
    JsonNode connectClusterId;
    JsonNode workerId;
    JsonNode epoch;
    JsonNode sequence;

    /** Whether {@code data} is there at all, and the placeholder when it is not an object. */
    boolean hasData;
    JsonNode dataPlaceholder;

    JsonNode name;
    JsonNode connectorClass;
    JsonNode connectorType;
    JsonNode state;
    JsonNode dataWorkerId;
    JsonNode trace;
    JsonNode configFingerprint;
    JsonNode cause;
    JsonNode kafkaVersion;
    Items<Fields> tasks;
    Entries config;
    Items<JsonNode> maskedKeys;
    Entries maskReasons;
    JsonNode traceMode;
    Fields actor;
    Items<JsonNode> topics;
    Entries connectors;
    Items<Fields> plugins;

    /** Empty fields of the event at {@code path}; {@link #read} fills them, or {@link FastFields}. */
    ScannedFields(FieldPath path, Predicate<String> inspector) {
        this.path = path;
        this.inspector = inspector;
    }

    /**
     * Reads the event whose {@code START_OBJECT} is the parser's current token, up to and including its
     * {@code END_OBJECT}.
     *
     * @param path      where the event sits in the document (for the limits' errors)
     * @param inspector sees every string, or {@code null}
     */
    static ScannedFields read(JsonParser parser, FieldPath path, Predicate<String> inspector) throws IOException {
        ScannedFields fields = new ScannedFields(path, inspector);
        fields.start = parser.currentTokenLocation().getByteOffset();
        fields.readEnvelope(parser);
        fields.end = parser.currentTokenLocation().getByteOffset() + 1;
        return fields;
    }

    private void readEnvelope(JsonParser parser) throws IOException {
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            parser.nextToken();
            switch (field) {
                case Envelope.SPECVERSION:
                    specversion = formatted(parser);
                    break;
                case Envelope.ID:
                    id = scalar(parser);
                    break;
                case Envelope.SOURCE:
                    source = scalar(parser);
                    break;
                case Envelope.TYPE:
                    type = formatted(parser);
                    break;
                case Envelope.SUBJECT:
                    subject = scalar(parser);
                    break;
                case Envelope.TIME:
                    time = formatted(parser);
                    break;
                case Envelope.DATACONTENTTYPE:
                    datacontenttype = scalar(parser);
                    break;
                case Envelope.KAFKA_CLUSTER_ID:
                    kafkaClusterId = scalar(parser);
                    break;
                case Envelope.CONNECT_CLUSTER_ID:
                    connectClusterId = scalar(parser);
                    break;
                case Envelope.WORKER_ID:
                    workerId = scalar(parser);
                    break;
                case Envelope.EPOCH:
                    epoch = formatted(parser);
                    break;
                case Envelope.SEQUENCE:
                    sequence = formatted(parser);
                    break;
                case Envelope.DATA:
                    readData(parser);
                    break;
                default:
                    inspect(field);
                    skip(parser);
            }
        }
    }

    private void readData(JsonParser parser) throws IOException {
        hasData = true;
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            dataPlaceholder = scalar(parser);
            return;
        }
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            parser.nextToken();
            switch (field) {
                case ConnectorSnapshotFormat.NAME:
                    name = scalar(parser);
                    break;
                case ConnectorSnapshotFormat.CONNECTOR_CLASS:
                    connectorClass = scalar(parser);
                    break;
                case ConnectorSnapshotFormat.CONNECTOR_TYPE:
                    connectorType = formatted(parser);
                    break;
                case ConnectorSnapshotFormat.STATE:
                    state = formatted(parser);
                    break;
                case ConnectorSnapshotFormat.WORKER_ID:
                    dataWorkerId = scalar(parser);
                    break;
                case ConnectorSnapshotFormat.TRACE:
                    trace = scalar(parser);
                    break;
                case ConnectorSnapshotFormat.CONFIG_FINGERPRINT:
                    configFingerprint = formatted(parser);
                    break;
                case ConnectorSnapshotFormat.CAUSE:
                    cause = formatted(parser);
                    break;
                case WorkerPluginsFormat.KAFKA_VERSION:
                    kafkaVersion = scalar(parser);
                    break;
                case ConnectorSnapshotFormat.TASKS:
                    tasks = objects(parser, field, EventLimits.MAX_TASKS, "MAX_TASKS", 4, ScannedFields::taskSlot,
                            TASK_STATE);
                    break;
                case ConnectorSnapshotFormat.CONFIG:
                    config = entries(parser, field, EventLimits.MAX_CONFIG_ENTRIES, "MAX_CONFIG_ENTRIES");
                    break;
                case ConnectorSnapshotFormat.MASKED_KEYS:
                    maskedKeys = scalars(parser, field, EventLimits.MAX_CONFIG_ENTRIES, "MAX_CONFIG_ENTRIES", true);
                    break;
                case ConnectorSnapshotFormat.MASK_REASONS:
                    maskReasons = entries(parser, field, EventLimits.MAX_CONFIG_ENTRIES, "MAX_CONFIG_ENTRIES");
                    break;
                case ConnectorSnapshotFormat.TRACE_MODE:
                    traceMode = formatted(parser);
                    break;
                case ConnectorSnapshotFormat.ACTOR:
                    actor = object(parser, 6, ScannedFields::actorSlot, -1);
                    break;
                case ConnectorSnapshotFormat.TOPICS:
                    // Not shown to the inspector: an item is either a legal topic name (Kafka metadata, not free
                    // text, cut by no scrubber) or a reason to refuse the event.
                    topics = scalars(parser, field, EventLimits.MAX_TOPICS, "MAX_TOPICS", false);
                    break;
                case ClusterInventoryFormat.CONNECTORS:
                    connectors = entries(parser, field, EventLimits.MAX_INVENTORY_ENTRIES, "MAX_INVENTORY_ENTRIES");
                    break;
                case WorkerPluginsFormat.PLUGINS:
                    plugins = objects(parser, field, EventLimits.MAX_PLUGINS, "MAX_PLUGINS", 3, ScannedFields::pluginSlot,
                            -1);
                    break;
                default:
                    inspect(field);
                    skip(parser);
            }
        }
    }

    /** As {@code Shape.Entries.read}: the limits on count and key length before each entry is read. */
    private Entries entries(JsonParser parser, String field, int max, String limit) throws IOException {
        Entries entries = new Entries();
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            entries.placeholder = scalar(parser);
            return entries;
        }
        for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
            if (entries.size == max) {
                throw EventDecodingException.limitExceeded(dataPath(field), Shape.tooManyEntries(max, limit));
            }
            if (key.length() > EventLimits.MAX_KEY_CHARS) {
                throw EventDecodingException.limitExceeded(dataPath(field), Shape.KEY_TOO_LONG);
            }
            parser.nextToken();
            inspect(key);
            entries.add(key, scalar(parser));
        }
        return entries;
    }

    /** As {@code Shape.Items.read} of scalars; the items shown to the inspector when {@code inspected}. */
    private Items<JsonNode> scalars(JsonParser parser, String field, int max, String limit, boolean inspected)
            throws IOException {
        Items<JsonNode> items = new Items<>();
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            items.placeholder = scalar(parser);
            return items;
        }
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            checkItem(token, items.size, field, max, limit);
            items.add(inspected ? scalar(parser) : Shape.SCALAR.read(parser, null, NODES));
        }
        return items;
    }

    /** As {@code Shape.Items.read} of {@code Shape.Fields}: tasks (id, state, worker_id, trace) or plugins. */
    private Items<Fields> objects(JsonParser parser, String field, int max, String limit, int count,
            ToIntFunction<String> slots, int formattedSlot) throws IOException {
        Items<Fields> items = new Items<>();
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            items.placeholder = scalar(parser);
            return items;
        }
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            checkItem(token, items.size, field, max, limit);
            items.add(object(parser, count, slots, formattedSlot));
        }
        return items;
    }

    /**
     * As {@code Shape.Fields.read}: an object's known fields into their slots, or the placeholder of a non-object;
     * the value of {@code formattedSlot} (-1: none) read as {@link #formatted}.
     */
    private Fields object(JsonParser parser, int count, ToIntFunction<String> slots, int formattedSlot)
            throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return new Fields(scalar(parser), 0);
        }
        Fields item = new Fields(null, count);
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            parser.nextToken();
            int slot = slots.applyAsInt(name);
            if (slot < 0) {
                inspect(name);
                skip(parser);
            } else {
                item.values[slot] = slot == formattedSlot ? formatted(parser) : scalar(parser);
            }
        }
        return item;
    }

    private void checkItem(JsonToken token, int size, String field, int max, String limit) {
        if (token == null) {
            // Jackson reports a truncated array itself; this only guards the loop, as in Shape.
            throw EventDecodingException.malformed(dataPath(field), "ends before the array is closed");
        }
        if (size == max) {
            throw EventDecodingException.limitExceeded(dataPath(field), Shape.tooManyItems(max, limit));
        }
    }

    static int taskSlot(String name) {
        switch (name) {
            case ConnectorSnapshotFormat.TASK_ID:
                return TASK_ID;
            case ConnectorSnapshotFormat.STATE:
                return TASK_STATE;
            case ConnectorSnapshotFormat.WORKER_ID:
                return TASK_WORKER_ID;
            case ConnectorSnapshotFormat.TRACE:
                return TASK_TRACE;
            default:
                return -1;
        }
    }

    static int actorSlot(String name) {
        switch (name) {
            case ConnectorSnapshotFormat.PRINCIPAL:
                return ACTOR_PRINCIPAL;
            case ConnectorSnapshotFormat.CLIENT_ADDRESS:
                return ACTOR_CLIENT_ADDRESS;
            case ConnectorSnapshotFormat.FORWARDED_FOR:
                return ACTOR_FORWARDED_FOR;
            case ConnectorSnapshotFormat.USER_AGENT:
                return ACTOR_USER_AGENT;
            case ConnectorSnapshotFormat.REQUEST:
                return ACTOR_REQUEST;
            case ConnectorSnapshotFormat.FORWARDED:
                return ACTOR_FORWARDED;
            default:
                return -1;
        }
    }

    static int pluginSlot(String name) {
        switch (name) {
            case WorkerPluginsFormat.CLASS_NAME:
                return PLUGIN_CLASS_NAME;
            case WorkerPluginsFormat.TYPE:
                return PLUGIN_TYPE;
            case WorkerPluginsFormat.VERSION:
                return PLUGIN_VERSION;
            default:
                return -1;
        }
    }

    /**
     * A value where the contract has a scalar, as {@link Shape#SCALAR} reads it; with an inspector, a container found
     * there is walked (its strings are seen) instead of skipped, and gets the same empty placeholder.
     */
    private JsonNode scalar(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (inspector != null && token.isStructStart()) {
            walk(parser);
            return token == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
        }
        JsonNode value = Shape.SCALAR.read(parser, null, NODES);
        if (inspector != null && value.isTextual()) {
            inspect(value.textValue());
        }
        return value;
    }

    /**
     * A value where the contract has a scalar of a fixed format — an enum, a count, {@code time}, the config
     * fingerprint — read as {@link Shape#SCALAR} reads it and not shown to the inspector here: see
     * {@link #inspectUncheckedFormats}.
     */
    private JsonNode formatted(JsonParser parser) throws IOException {
        return Shape.SCALAR.read(parser, null, NODES);
    }

    /** A value the contract does not know: skipped, or walked for the inspector. */
    private void skip(JsonParser parser) throws IOException {
        if (inspector == null) {
            parser.skipChildren();
        } else {
            walk(parser);
        }
    }

    /** Every token of the current value, each string (value or name) shown to the inspector. */
    private void walk(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            inspect(parser.getText());
            return;
        }
        if (!token.isStructStart()) {
            return;
        }
        for (int depth = 1; depth > 0; ) {
            token = parser.nextToken();
            if (token == null) {
                return;
            }
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            } else if (token == JsonToken.FIELD_NAME) {
                inspect(parser.currentName());
            } else if (token == JsonToken.VALUE_STRING) {
                inspect(parser.getText());
            }
        }
    }

    private void inspect(String text) {
        if (inspector != null && !flagged && inspector.test(text)) {
            flagged = true;
        }
    }

    /**
     * Shows the inspector the fixed-format values {@link #formatted} kept from it that this event's type does not
     * check: a snapshot's connector type, state, cause, trace mode, fingerprint and task states are checked only in
     * a snapshot; in another type they are fields it does not know, which travel on in its bytes. (The envelope's
     * {@code specversion}, {@code type}, {@code time}, {@code epoch} and {@code sequence} are checked in every type:
     * an event whose one of them is not of its format is refused, so none of them can carry a secret out, and the
     * second line's scrubbing would not change a valid one. They are never shown.) Called by {@link ScanChecks}
     * once the type is known; the same for the fast reader ({@link FastFields}), so both flag alike.
     */
    void inspectUncheckedFormats(EventType type) {
        if (inspector == null || flagged || type == EventType.CONNECTOR_SNAPSHOT) {
            return;
        }
        for (JsonNode value : new JsonNode[] {connectorType, state, configFingerprint, cause, traceMode}) {
            inspectText(value);
        }
        if (tasks != null) {
            for (int i = 0; i < tasks.size; i++) {
                Fields task = tasks.get(i);
                if (task.values.length > TASK_STATE) {
                    inspectText(task.values[TASK_STATE]);
                }
            }
        }
    }

    private void inspectText(JsonNode value) {
        if (value != null && value.isTextual()) {
            inspect(value.textValue());
        }
    }

    private FieldPath dataPath(String field) {
        return path.field(Envelope.DATA).field(field);
    }
}

package io.connectusm.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The filler of {@link FastScan}: one event read by {@link JsonBytes} into the same {@link ScannedFields} that
 * {@link ScannedFields#read} fills from Jackson — the same slots, the same nodes, the same strings shown to the
 * inspector — for the forms emitters send. Where the exact reader would keep something this one does not (a
 * container where a scalar belongs, a repeated field or key, a collection at its limit), it gives up
 * ({@link NotFast}): that event is then unusual, and the exact reader says what it makes of the document.
 *
 * <p>Duplicate names, which Jackson refuses in every object: a known field twice is a slot already set; the keys of a
 * map-like object are checked for strictly ascending order (a worker sends its config as a sorted map), with a set
 * only once they are not; the other names of an object go to {@link JsonBytes.UnknownNames}.
 *
 * <p>Allocation: the events of a batch mostly share one layout and many values (keys, classes, converters, IDs), so
 * the k-th name and the k-th scalar of an event are first compared with the k-th of the previous event, and when the
 * bytes are plain ASCII equal to it, that {@code String} (that immutable {@code TextNode}) is taken again instead of a
 * new one; which object it is never changes a verdict, a digest or what the inspector is shown. Like {@link #cleared},
 * these are kept only for this document's scan.
 *
 * <p>Not thread-safe: one per document.
 */
final class FastFields {

    private final JsonBytes json;
    private final Predicate<String> inspector;
    private ScannedFields fields;
    /** Kinds of field whose values a batch repeats: the index of each in {@link #cleared}. */
    private static final int SAME_WORKER = 0;
    private static final int SAME_KAFKA_CLUSTER = 1;
    private static final int SAME_CONNECT_CLUSTER = 2;
    private static final int SAME_SOURCE = 3;
    private static final int SAME_CONTENT_TYPE = 4;
    private static final int SAME_NAME = 5;
    private static final int SAME_CLASS = 6;
    /** Per kind of field, the last values the inspector cleared in this document (a ring: a power of two). */
    private static final int CLEARED_PER_KIND = 4;
    private final String[][] cleared = new String[7][CLEARED_PER_KIND];
    private final int[] nextCleared = new int[7];
    /**
     * Per map-like field ({@code MAP_…}), the most entries it had so far in this document: the room the next one
     * starts with (the events of a batch carry configs of about one size).
     */
    private final int[] mostEntries = new int[3];
    private static final int MAP_CONFIG = 0;
    private static final int MAP_MASK_REASONS = 1;
    private static final int MAP_CONNECTORS = 2;

    /**
     * The names of the last event read, by their place in it (the k-th name {@link #name} read): the guess for the
     * k-th name of the next, as the events of a batch mostly have one layout, so a name repeated is not a new string.
     */
    private String[] names = new String[64];
    /** Where each of {@link #names} is in the document ({@link JsonBytes#plainFrom}; -1: not plain ASCII). */
    private int[] nameFrom = new int[64];
    private int nameCount;
    /** As {@link #names}, the scalar values of the last event by their place in it ({@link #nextScalar}). */
    private JsonNode[] values = new JsonNode[64];
    private int[] valueFrom = new int[64];
    private int valueCount;

    FastFields(JsonBytes json, Predicate<String> inspector) {
        this.json = json;
        this.inspector = inspector;
    }

    /** The event whose {@code {} is at the cursor, up to and including its {@code }}. */
    ScannedFields read(FieldPath path) {
        ScannedFields f = new ScannedFields(path, inspector);
        fields = f;
        nameCount = 0;
        valueCount = 0;
        f.start = json.position();
        JsonBytes.UnknownNames unknown = null;
        for (boolean more = json.openObject(); more; more = json.nextMember()) {
            String field = name();
            switch (field) {
                case Envelope.SPECVERSION:
                    f.specversion = formatted(f.specversion);
                    break;
                case Envelope.ID:
                    f.id = scalar(f.id);
                    break;
                case Envelope.SOURCE:
                    f.source = scalar(f.source, SAME_SOURCE);
                    break;
                case Envelope.TYPE:
                    f.type = formatted(f.type);
                    break;
                case Envelope.SUBJECT:
                    f.subject = scalar(f.subject, SAME_NAME);
                    break;
                case Envelope.TIME:
                    f.time = formatted(f.time);
                    break;
                case Envelope.DATACONTENTTYPE:
                    f.datacontenttype = scalar(f.datacontenttype, SAME_CONTENT_TYPE);
                    break;
                case Envelope.KAFKA_CLUSTER_ID:
                    f.kafkaClusterId = scalar(f.kafkaClusterId, SAME_KAFKA_CLUSTER);
                    break;
                case Envelope.CONNECT_CLUSTER_ID:
                    f.connectClusterId = scalar(f.connectClusterId, SAME_CONNECT_CLUSTER);
                    break;
                case Envelope.WORKER_ID:
                    f.workerId = scalar(f.workerId, SAME_WORKER);
                    break;
                case Envelope.EPOCH:
                    f.epoch = formatted(f.epoch);
                    break;
                case Envelope.SEQUENCE:
                    f.sequence = formatted(f.sequence);
                    break;
                case Envelope.DATA:
                    data(f);
                    break;
                default:
                    unknown = unknown(field, unknown);
            }
        }
        f.end = json.position();
        return f;
    }

    private void data(ScannedFields f) {
        if (f.hasData) {
            throw NotFast.INSTANCE;
        }
        f.hasData = true;
        if (json.current() != '{') {
            f.dataPlaceholder = scalar(null);
            return;
        }
        JsonBytes.UnknownNames unknown = null;
        for (boolean more = json.openObject(); more; more = json.nextMember()) {
            String field = name();
            switch (field) {
                case ConnectorSnapshotFormat.NAME:
                    f.name = scalar(f.name, SAME_NAME);
                    break;
                case ConnectorSnapshotFormat.CONNECTOR_CLASS:
                    f.connectorClass = scalar(f.connectorClass, SAME_CLASS);
                    break;
                case ConnectorSnapshotFormat.CONNECTOR_TYPE:
                    f.connectorType = formatted(f.connectorType);
                    break;
                case ConnectorSnapshotFormat.STATE:
                    f.state = formatted(f.state);
                    break;
                case ConnectorSnapshotFormat.WORKER_ID:
                    f.dataWorkerId = scalar(f.dataWorkerId, SAME_WORKER);
                    break;
                case ConnectorSnapshotFormat.TRACE:
                    f.trace = scalar(f.trace);
                    break;
                case ConnectorSnapshotFormat.CONFIG_FINGERPRINT:
                    f.configFingerprint = formatted(f.configFingerprint);
                    break;
                case ConnectorSnapshotFormat.CAUSE:
                    f.cause = formatted(f.cause);
                    break;
                case WorkerPluginsFormat.KAFKA_VERSION:
                    f.kafkaVersion = scalar(f.kafkaVersion);
                    break;
                case ConnectorSnapshotFormat.TASKS:
                    f.tasks = objects(f.tasks, EventLimits.MAX_TASKS, 4, ScannedFields::taskSlot,
                            ScannedFields.TASK_STATE, ScannedFields.TASK_WORKER_ID);
                    break;
                case ConnectorSnapshotFormat.CONFIG:
                    f.config = entries(f.config, EventLimits.MAX_CONFIG_ENTRIES, MAP_CONFIG);
                    break;
                case ConnectorSnapshotFormat.MASKED_KEYS:
                    f.maskedKeys = scalars(f.maskedKeys, EventLimits.MAX_CONFIG_ENTRIES, true);
                    break;
                case ConnectorSnapshotFormat.MASK_REASONS:
                    f.maskReasons = entries(f.maskReasons, EventLimits.MAX_CONFIG_ENTRIES, MAP_MASK_REASONS);
                    break;
                case ConnectorSnapshotFormat.TRACE_MODE:
                    f.traceMode = formatted(f.traceMode);
                    break;
                case ConnectorSnapshotFormat.ACTOR:
                    unset(f.actor);
                    f.actor = object(6, ScannedFields::actorSlot, -1, -1);
                    break;
                case ConnectorSnapshotFormat.TOPICS:
                    // As ScannedFields: the items are not shown to the inspector (the placeholder of a non-array is).
                    f.topics = scalars(f.topics, EventLimits.MAX_TOPICS, false);
                    break;
                case ClusterInventoryFormat.CONNECTORS:
                    f.connectors = entries(f.connectors, EventLimits.MAX_INVENTORY_ENTRIES, MAP_CONNECTORS);
                    break;
                case WorkerPluginsFormat.PLUGINS:
                    f.plugins = objects(f.plugins, EventLimits.MAX_PLUGINS, 3, ScannedFields::pluginSlot, -1, -1);
                    break;
                default:
                    unknown = unknown(field, unknown);
            }
        }
    }

    /**
     * A map-like object: its keys strictly ascending, or else distinct by a set; at most {@code max} of them;
     * {@code map} the field ({@code MAP_…}).
     */
    private ScannedFields.Entries entries(ScannedFields.Entries before, int max, int map) {
        unset(before);
        ScannedFields.Entries entries = new ScannedFields.Entries(mostEntries[map]);
        if (json.current() != '{') {
            entries.placeholder = scalar(null);
            return entries;
        }
        Set<String> seen = null;
        entries.startSlices(json.input());
        for (boolean more = json.openObject(); more; more = json.nextMember()) {
            if (entries.size == max) {
                throw NotFast.INSTANCE;
            }
            String key = name();
            if (seen == null && entries.size > 0 && key.compareTo(entries.keys[entries.size - 1]) <= 0) {
                seen = new HashSet<>(entries.size * 2);
                for (int i = 0; i < entries.size; i++) {
                    seen.add(entries.keys[i]);
                }
            }
            if (seen != null && !seen.add(key)) {
                throw NotFast.INSTANCE;
            }
            inspect(key);
            int keyFrom = json.plainFrom();
            int keyTo = json.plainTo();
            JsonNode value = scalar(null);
            entries.add(key, value);
            if (value.isNull()) {
                entries.slice(keyFrom, keyTo, -1, -1);
            } else if (value.isTextual() && json.plainFrom() >= 0) {
                entries.slice(keyFrom, keyTo, json.plainFrom(), json.plainTo());
            } else {
                entries.slice(-1, -1, -1, -1);
            }
        }
        mostEntries[map] = Math.max(mostEntries[map], entries.size);
        return entries;
    }

    /** An array of scalars, each shown to the inspector when {@code inspected}. */
    private ScannedFields.Items<JsonNode> scalars(ScannedFields.Items<JsonNode> before, int max, boolean inspected) {
        unset(before);
        ScannedFields.Items<JsonNode> items = new ScannedFields.Items<>();
        if (json.current() != '[') {
            items.placeholder = scalar(null);
            return items;
        }
        for (boolean more = json.openArray(); more; more = json.nextItem()) {
            if (items.size == max || json.atContainer()) {
                throw NotFast.INSTANCE;
            }
            JsonNode item = nextScalar();
            if (inspected && item.isTextual()) {
                inspect(item.textValue());
            }
            items.add(item);
        }
        return items;
    }

    /** An array of objects with known fields (tasks, plugins). */
    private ScannedFields.Items<ScannedFields.Fields> objects(ScannedFields.Items<ScannedFields.Fields> before, int max,
            int count, ToIntFunction<String> slots, int formattedSlot, int workerSlot) {
        unset(before);
        ScannedFields.Items<ScannedFields.Fields> items = new ScannedFields.Items<>();
        if (json.current() != '[') {
            items.placeholder = scalar(null);
            return items;
        }
        for (boolean more = json.openArray(); more; more = json.nextItem()) {
            if (items.size == max) {
                throw NotFast.INSTANCE;
            }
            items.add(object(count, slots, formattedSlot, workerSlot));
        }
        return items;
    }

    /**
     * An object's known fields into their slots, or the placeholder of a scalar in its place; the value of
     * {@code formattedSlot} (-1: none) read as {@link #formatted}, that of {@code workerSlot} (-1: none) a worker ID.
     */
    private ScannedFields.Fields object(int count, ToIntFunction<String> slots, int formattedSlot, int workerSlot) {
        if (json.current() != '{') {
            return new ScannedFields.Fields(scalar(null), 0);
        }
        ScannedFields.Fields item = new ScannedFields.Fields(null, count);
        JsonBytes.UnknownNames unknown = null;
        for (boolean more = json.openObject(); more; more = json.nextMember()) {
            String name = name();
            int slot = slots.applyAsInt(name);
            if (slot < 0) {
                unknown = unknown(name, unknown);
            } else {
                item.values[slot] = slot == formattedSlot ? formatted(item.values[slot])
                        : scalar(item.values[slot], slot == workerSlot ? SAME_WORKER : -1);
            }
        }
        return item;
    }

    /** A field the contract does not know: its name and its strings shown to the inspector; the value skipped. */
    private JsonBytes.UnknownNames unknown(String name, JsonBytes.UnknownNames before) {
        JsonBytes.UnknownNames names = before == null ? new JsonBytes.UnknownNames() : before;
        names.add(name);
        inspect(name);
        if (json.skip(fields.flagged ? null : inspector)) {
            fields.flagged = true;
        }
        return names;
    }

    /** A scalar where the contract has one, into a slot not set before; a container there is left to Jackson. */
    private JsonNode scalar(JsonNode before) {
        return scalar(before, -1);
    }

    /** As {@link #scalar(JsonNode)}, of field kind {@code same} ({@code SAME_…}; -1: none): see {@link #inspect}. */
    private JsonNode scalar(JsonNode before, int same) {
        JsonNode value = formatted(before);
        if (value.isTextual()) {
            inspect(value.textValue(), same);
        }
        return value;
    }

    /**
     * As {@link #scalar}, for a value of a fixed format, which is not shown to the inspector here (as
     * {@code ScannedFields.formatted}; {@link ScannedFields#inspectUncheckedFormats} shows it when the event's type
     * does not check it).
     */
    private JsonNode formatted(JsonNode before) {
        unset(before);
        if (json.atContainer()) {
            throw NotFast.INSTANCE;
        }
        return nextScalar();
    }

    private void inspect(String text) {
        inspect(text, -1);
    }

    /**
     * Shows {@code text} to the inspector unless it equals one of the last strings of the same kind of field that the
     * inspector cleared in this document: the inspector is a function of the string alone (as
     * {@link EventScanner#scanBatch(byte[], Predicate)} requires), and a batch repeats some values in every event —
     * the worker ID in the envelope, the payload and each task; the cluster IDs and source; a connector's name in the
     * subject and the payload — most of which hold a character that makes the second line look at them whole. The
     * strings are kept only for this document's scan.
     */
    private void inspect(String text, int same) {
        if (inspector == null || fields.flagged) {
            return;
        }
        if (same >= 0) {
            for (String clear : cleared[same]) {
                if (text.equals(clear)) {
                    return;
                }
            }
        }
        if (inspector.test(text)) {
            fields.flagged = true;
        } else if (same >= 0) {
            cleared[same][nextCleared[same]++ & (CLEARED_PER_KIND - 1)] = text;
        }
    }

    /** The member name at the cursor ({@link JsonBytes#name(String)}), guessed from the previous event's. */
    private String name() {
        int k = nameCount++;
        if (k == names.length) {
            names = java.util.Arrays.copyOf(names, 2 * k);
            nameFrom = java.util.Arrays.copyOf(nameFrom, 2 * k);
        }
        String name = json.name(names[k], nameFrom[k]);
        names[k] = name;
        nameFrom[k] = json.plainFrom();
        return name;
    }

    /** The scalar at the cursor ({@link JsonBytes#scalar(JsonNode)}), guessed from the previous event's. */
    private JsonNode nextScalar() {
        int k = valueCount++;
        if (k == values.length) {
            values = java.util.Arrays.copyOf(values, 2 * k);
            valueFrom = java.util.Arrays.copyOf(valueFrom, 2 * k);
        }
        JsonNode value = json.scalar(values[k], valueFrom[k]);
        values[k] = value;
        // plainFrom is the last string's: of this value only when it is one.
        valueFrom[k] = value.isTextual() ? json.plainFrom() : -1;
        return value;
    }

    /** A field given twice: Jackson refuses the document. */
    private static void unset(Object slot) {
        if (slot != null) {
            throw NotFast.INSTANCE;
        }
    }
}

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
 * <p>Not thread-safe: one per document.
 */
final class FastFields {

    private final JsonBytes json;
    private final Predicate<String> inspector;
    private ScannedFields fields;

    FastFields(JsonBytes json, Predicate<String> inspector) {
        this.json = json;
        this.inspector = inspector;
    }

    /** The event whose {@code {} is at the cursor, up to and including its {@code }}. */
    ScannedFields read(FieldPath path) {
        ScannedFields f = new ScannedFields(path, null);
        fields = f;
        f.start = json.position();
        JsonBytes.UnknownNames unknown = null;
        for (boolean more = json.openObject(); more; more = json.nextMember()) {
            String field = json.name();
            switch (field) {
                case Envelope.SPECVERSION:
                    f.specversion = scalar(f.specversion);
                    break;
                case Envelope.ID:
                    f.id = scalar(f.id);
                    break;
                case Envelope.SOURCE:
                    f.source = scalar(f.source);
                    break;
                case Envelope.TYPE:
                    f.type = scalar(f.type);
                    break;
                case Envelope.SUBJECT:
                    f.subject = scalar(f.subject);
                    break;
                case Envelope.TIME:
                    f.time = scalar(f.time);
                    break;
                case Envelope.DATACONTENTTYPE:
                    f.datacontenttype = scalar(f.datacontenttype);
                    break;
                case Envelope.KAFKA_CLUSTER_ID:
                    f.kafkaClusterId = scalar(f.kafkaClusterId);
                    break;
                case Envelope.CONNECT_CLUSTER_ID:
                    f.connectClusterId = scalar(f.connectClusterId);
                    break;
                case Envelope.WORKER_ID:
                    f.workerId = scalar(f.workerId);
                    break;
                case Envelope.EPOCH:
                    f.epoch = scalar(f.epoch);
                    break;
                case Envelope.SEQUENCE:
                    f.sequence = scalar(f.sequence);
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
            String field = json.name();
            switch (field) {
                case ConnectorSnapshotFormat.NAME:
                    f.name = scalar(f.name);
                    break;
                case ConnectorSnapshotFormat.CONNECTOR_CLASS:
                    f.connectorClass = scalar(f.connectorClass);
                    break;
                case ConnectorSnapshotFormat.CONNECTOR_TYPE:
                    f.connectorType = scalar(f.connectorType);
                    break;
                case ConnectorSnapshotFormat.STATE:
                    f.state = scalar(f.state);
                    break;
                case ConnectorSnapshotFormat.WORKER_ID:
                    f.dataWorkerId = scalar(f.dataWorkerId);
                    break;
                case ConnectorSnapshotFormat.TRACE:
                    f.trace = scalar(f.trace);
                    break;
                case ConnectorSnapshotFormat.CONFIG_FINGERPRINT:
                    f.configFingerprint = scalar(f.configFingerprint);
                    break;
                case ConnectorSnapshotFormat.CAUSE:
                    f.cause = scalar(f.cause);
                    break;
                case WorkerPluginsFormat.KAFKA_VERSION:
                    f.kafkaVersion = scalar(f.kafkaVersion);
                    break;
                case ConnectorSnapshotFormat.TASKS:
                    f.tasks = objects(f.tasks, EventLimits.MAX_TASKS, 4, ScannedFields::taskSlot);
                    break;
                case ConnectorSnapshotFormat.CONFIG:
                    f.config = entries(f.config, EventLimits.MAX_CONFIG_ENTRIES);
                    break;
                case ConnectorSnapshotFormat.MASKED_KEYS:
                    f.maskedKeys = scalars(f.maskedKeys, EventLimits.MAX_CONFIG_ENTRIES, true);
                    break;
                case ConnectorSnapshotFormat.MASK_REASONS:
                    f.maskReasons = entries(f.maskReasons, EventLimits.MAX_CONFIG_ENTRIES);
                    break;
                case ConnectorSnapshotFormat.TRACE_MODE:
                    f.traceMode = scalar(f.traceMode);
                    break;
                case ConnectorSnapshotFormat.ACTOR:
                    unset(f.actor);
                    f.actor = object(6, ScannedFields::actorSlot);
                    break;
                case ConnectorSnapshotFormat.TOPICS:
                    // As ScannedFields: the items are not shown to the inspector (the placeholder of a non-array is).
                    f.topics = scalars(f.topics, EventLimits.MAX_TOPICS, false);
                    break;
                case ClusterInventoryFormat.CONNECTORS:
                    f.connectors = entries(f.connectors, EventLimits.MAX_INVENTORY_ENTRIES);
                    break;
                case WorkerPluginsFormat.PLUGINS:
                    f.plugins = objects(f.plugins, EventLimits.MAX_PLUGINS, 3, ScannedFields::pluginSlot);
                    break;
                default:
                    unknown = unknown(field, unknown);
            }
        }
    }

    /** A map-like object: its keys strictly ascending, or else distinct by a set; at most {@code max} of them. */
    private ScannedFields.Entries entries(ScannedFields.Entries before, int max) {
        unset(before);
        ScannedFields.Entries entries = new ScannedFields.Entries();
        if (json.current() != '{') {
            entries.placeholder = scalar(null);
            return entries;
        }
        Set<String> seen = null;
        entries.slices = new int[32];
        entries.document = json.input();
        for (boolean more = json.openObject(); more; more = json.nextMember()) {
            if (entries.size == max) {
                throw NotFast.INSTANCE;
            }
            String key = json.name();
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
            JsonNode item = json.scalar();
            if (inspected && item.isTextual()) {
                inspect(item.textValue());
            }
            items.add(item);
        }
        return items;
    }

    /** An array of objects with known fields (tasks, plugins). */
    private ScannedFields.Items<ScannedFields.Fields> objects(ScannedFields.Items<ScannedFields.Fields> before, int max,
            int count, ToIntFunction<String> slots) {
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
            items.add(object(count, slots));
        }
        return items;
    }

    /** An object's known fields into their slots, or the placeholder of a scalar in its place. */
    private ScannedFields.Fields object(int count, ToIntFunction<String> slots) {
        if (json.current() != '{') {
            return new ScannedFields.Fields(scalar(null), 0);
        }
        ScannedFields.Fields item = new ScannedFields.Fields(null, count);
        JsonBytes.UnknownNames unknown = null;
        for (boolean more = json.openObject(); more; more = json.nextMember()) {
            String name = json.name();
            int slot = slots.applyAsInt(name);
            if (slot < 0) {
                unknown = unknown(name, unknown);
            } else {
                item.values[slot] = scalar(item.values[slot]);
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
        unset(before);
        if (json.atContainer()) {
            throw NotFast.INSTANCE;
        }
        JsonNode value = json.scalar();
        if (value.isTextual()) {
            inspect(value.textValue());
        }
        return value;
    }

    private void inspect(String text) {
        if (inspector != null && !fields.flagged && inspector.test(text)) {
            fields.flagged = true;
        }
    }

    /** A field given twice: Jackson refuses the document. */
    private static void unset(Object slot) {
        if (slot != null) {
            throw NotFast.INSTANCE;
        }
    }
}

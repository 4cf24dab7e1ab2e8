package io.connectusm.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The second phase of {@link EventScanner}: every rule of the contract checked on the fields {@link ScannedFields}
 * kept, in the order {@link EventReader} and the payload formats check them, with the rules of one value shared
 * with {@link NodeReader} — so the first fault of an event is the one the decoder names, with its message — then the
 * {@link StateDigest} and the {@link ScannedEvent}. Payload objects are built only for the rare types (deletions,
 * inventories, plugins); a snapshot's config is checked and fingerprinted from the scanned arrays.
 *
 * <p>One rule of the decoder has no counterpart here: it also has the CloudEvents SDK read the event. Given the checks
 * before it, the SDK cannot refuse: it is handed only the attributes above, each already a non-empty string, its
 * {@code source} a relative URI that {@link ClusterRef#source()} built, its {@code time} RFC 3339 (a subset of what
 * {@code OffsetDateTime.parse} takes), its {@code datacontenttype} absent or {@code application/json[;…]} and its
 * {@code data} an object. The tests run both on the same inputs to hold that.
 *
 * <p>Stateless.
 *
 * <p>Over 300 lines for a reason: the streaming scanner's checks of every payload type, in the order the codec makes
 * them (the differential test holds the two together); one place to compare with the formats.
 */
final class ScanChecks {

    private ScanChecks() {
    }

    /** @throws EventDecodingException naming the first field at fault */
    static ScannedEvent check(ScannedFields f, FieldPath path, byte[] document) {
        try {
            return checked(f, path, document);
        } catch (EventDecodingException e) {
            throw e;
        } catch (RuntimeException e) {
            // As EventReader: every rule has a precise message above; this only keeps scanning total.
            throw EventDecodingException.malformed(path, EventReader.NOT_A_CONTRACT_EVENT);
        }
    }

    private static ScannedEvent checked(ScannedFields f, FieldPath path, byte[] document) {
        FieldPath at = path.field(Envelope.SPECVERSION);
        if (!Envelope.SPEC_VERSION_1.equals(NodeReader.requiredString(f.specversion, at))) {
            throw EventDecodingException.malformed(at, "expected \"1.0\"");
        }
        String id = NodeReader.requiredString(f.id, path.field(Envelope.ID));
        String source = NodeReader.requiredString(f.source, path.field(Envelope.SOURCE));
        EventType type = EventType.fromCeType(NodeReader.requiredString(f.type, path.field(Envelope.TYPE)));
        if (type == null) {
            throw EventDecodingException.malformed(path.field(Envelope.TYPE), "expected one of " + EventReader.KNOWN_TYPES);
        }
        Instant time = NodeReader.requiredTime(f.time, path.field(Envelope.TIME));
        String subject = NodeReader.optionalString(f.subject, path.field(Envelope.SUBJECT));
        String contentType = NodeReader.optionalString(f.datacontenttype, path.field(Envelope.DATACONTENTTYPE));
        if (contentType != null && !Envelope.DATA_CONTENT_TYPE.equals(contentType)
                && !EventReader.JSON_MEDIA_TYPE.matcher(contentType).matches()) {
            throw EventDecodingException.malformed(path.field(Envelope.DATACONTENTTYPE), "expected application/json");
        }
        ClusterRef cluster = new ClusterRef(
                NodeReader.requiredString(f.kafkaClusterId, path.field(Envelope.KAFKA_CLUSTER_ID)),
                NodeReader.requiredString(f.connectClusterId, path.field(Envelope.CONNECT_CLUSTER_ID)));
        String workerId = NodeReader.requiredString(f.workerId, path.field(Envelope.WORKER_ID));
        long epoch = NodeReader.requiredCount(f.epoch, path.field(Envelope.EPOCH));
        long sequence = NodeReader.requiredCount(f.sequence, path.field(Envelope.SEQUENCE));
        if (!cluster.isSource(source)) {
            throw EventDecodingException.malformed(path.field(Envelope.SOURCE), EventReader.SOURCE_MISMATCH);
        }
        FieldPath data = path.field(Envelope.DATA);
        if (!f.hasData) {
            NodeReader.requirePresent(null, data);
        }
        if (f.dataPlaceholder != null) {
            NodeReader.requirePresent(f.dataPlaceholder, data);
            NodeReader.object(f.dataPlaceholder, data);
        }

        Payload payload;
        switch (type) {
            case CONNECTOR_SNAPSHOT:
                payload = snapshot(f, data, cluster, subject);
                break;
            case CONNECTOR_DELETED:
                String name = NodeReader.requiredString(f.name, data.field(ConnectorDeletedFormat.NAME));
                ChangeActor deletedBy = actor(f.actor, data.field(ConnectorSnapshotFormat.ACTOR));
                payload = new Payload(name, StateDigest.of(cluster, subject, new ConnectorDeleted(name, deletedBy)));
                break;
            case CLUSTER_INVENTORY:
                payload = new Payload(null, StateDigest.of(cluster, subject, inventory(f, data)));
                break;
            default:
                WorkerPlugins plugins = plugins(f, data);
                payload = new Payload(plugins.workerId(), StateDigest.of(cluster, subject, plugins));
        }
        if (payload.subject == null ? subject != null : !payload.subject.equals(subject)) {
            throw EventDecodingException.malformed(path.field(Envelope.SUBJECT),
                    EventReader.wrongSubject(type, payload.subject));
        }
        f.inspectUncheckedFormats(type);
        return new ScannedEvent(type, id, cluster, workerId, epoch, sequence, time, subject, document, (int) f.start,
                (int) (f.end - f.start), payload.digest, f.flagged);
    }

    /** What the payload's checks yield: the subject it calls for ({@code null}: none) and the state digest. */
    private static final class Payload {
        final String subject;
        final byte[] digest;

        Payload(String subject, byte[] digest) {
            this.subject = subject;
            this.digest = digest;
        }
    }

    /**
     * {@link ConnectorSnapshotFormat#read} without the snapshot: config, masked keys and the masking invariant,
     * fingerprint, then the fields in the order of the constructor's arguments.
     */
    private static Payload snapshot(ScannedFields f, FieldPath data, ClusterRef cluster, String subject) {
        FieldPath configPath = data.field(ConnectorSnapshotFormat.CONFIG);
        ScannedFields.Entries config = requireObject(f.config, configPath);
        String[] values = new String[config.size];
        for (int i = 0; i < config.size; i++) {
            // With slices, every key and value is plain ASCII (or a null value): entryValue's checks hold.
            values[i] = config.slices != null ? config.values[i].textValue() : entryValue(config, i, configPath, true);
        }
        FieldPath maskedPath = data.field(ConnectorSnapshotFormat.MASKED_KEYS);
        ScannedFields.Items<JsonNode> maskedItems = requireArray(f.maskedKeys, maskedPath);
        TreeSet<String> maskedKeys = new TreeSet<>();
        for (int i = 0; i < maskedItems.size; i++) {
            maskedKeys.add(NodeReader.text(maskedItems.get(i), maskedPath.index(i)));
        }
        Map<String, String> index = maskedKeys.size() * config.size > 1024 ? index(config, values) : null;
        for (String key : maskedKeys) {
            int at = index == null ? find(config, key) : -1;
            boolean present = index == null ? at >= 0 : index.containsKey(key);
            String value = index == null ? (at >= 0 ? values[at] : null) : index.get(key);
            if (present && !ConnectorSnapshot.MASKED_VALUE.equals(value)) {
                throw EventDecodingException.malformed(configPath.field(key), ConnectorSnapshotFormat.MUST_BE_MASKED);
            }
        }
        SortedMap<String, String> maskReasons = maskReasons(f, data, config, values, maskedKeys);
        FieldPath fingerprintPath = data.field(ConnectorSnapshotFormat.CONFIG_FINGERPRINT);
        String fingerprint = NodeReader.requiredString(f.configFingerprint, fingerprintPath);
        if (!ConfigFingerprint.isWellFormed(fingerprint)) {
            throw EventDecodingException.malformed(fingerprintPath, ConnectorSnapshotFormat.FINGERPRINT_EXPECTED);
        }
        Boolean matches = config.slices == null ? null
                : ConfigFingerprint.isOfUtf8(fingerprint, config.document, config.slices, config.size);
        if (matches != null ? !matches : !fingerprint.equals(ConfigFingerprint.of(config.keys, values, config.size))) {
            throw EventDecodingException.malformed(fingerprintPath, ConnectorSnapshotFormat.NOT_THE_FINGERPRINT);
        }
        String name = NodeReader.requiredString(f.name, data.field(ConnectorSnapshotFormat.NAME));
        String connectorClass = NodeReader.optionalString(f.connectorClass, data.field(ConnectorSnapshotFormat.CONNECTOR_CLASS));
        ConnectorType connectorType = NodeReader.requiredEnum(f.connectorType,
                data.field(ConnectorSnapshotFormat.CONNECTOR_TYPE), ConnectorType.class);
        ConnectorState state = NodeReader.requiredEnum(f.state, data.field(ConnectorSnapshotFormat.STATE),
                ConnectorState.class);
        String workerId = NodeReader.optionalString(f.dataWorkerId, data.field(ConnectorSnapshotFormat.WORKER_ID));
        String trace = NodeReader.optionalString(f.trace, data.field(ConnectorSnapshotFormat.TRACE));
        List<TaskSnapshot> tasks = tasks(f, data);
        NodeReader.requiredEnum(f.cause, data.field(ConnectorSnapshotFormat.CAUSE), ChangeCause.class);
        TraceMode traceMode = f.traceMode == null || f.traceMode.isNull() ? null
                : NodeReader.requiredEnum(f.traceMode, data.field(ConnectorSnapshotFormat.TRACE_MODE), TraceMode.class);
        ChangeActor actor = actor(f.actor, data.field(ConnectorSnapshotFormat.ACTOR));
        List<String> topics = topics(f.topics, data.field(ConnectorSnapshotFormat.TOPICS));
        return new Payload(name, StateDigest.snapshot(cluster, subject, name, connectorClass, connectorType, state, workerId,
                trace, tasks, maskedKeys, fingerprint, maskReasons, traceMode, topics, actor));
    }

    /**
     * As {@code ConnectorSnapshotFormat.readActor}: absent or {@code null} is none; otherwise an object whose string
     * fields are checked in the codec's order, then {@code forwarded} as a boolean (of a snapshot or a deletion). The
     * actor, for the state digest; {@code null} when none.
     */
    private static ChangeActor actor(ScannedFields.Fields actor, FieldPath at) {
        if (actor == null || actor.placeholder != null && actor.placeholder.isNull()) {
            return null;
        }
        if (actor.placeholder != null) {
            NodeReader.object(actor.placeholder, at);
        }
        // In the codec's order: the five strings, then forwarded.
        String principal = actorText(actor, ScannedFields.ACTOR_PRINCIPAL, at, ConnectorSnapshotFormat.PRINCIPAL);
        String address = actorText(actor, ScannedFields.ACTOR_CLIENT_ADDRESS, at, ConnectorSnapshotFormat.CLIENT_ADDRESS);
        String forwardedFor = actorText(actor, ScannedFields.ACTOR_FORWARDED_FOR, at, ConnectorSnapshotFormat.FORWARDED_FOR);
        String userAgent = actorText(actor, ScannedFields.ACTOR_USER_AGENT, at, ConnectorSnapshotFormat.USER_AGENT);
        String request = actorText(actor, ScannedFields.ACTOR_REQUEST, at, ConnectorSnapshotFormat.REQUEST);
        return new ChangeActor(principal, address, forwardedFor, userAgent, request, NodeReader.optionalBoolean(
                actor.values[ScannedFields.ACTOR_FORWARDED], at.field(ConnectorSnapshotFormat.FORWARDED)));
    }

    private static String actorText(ScannedFields.Fields actor, int slot, FieldPath at, String field) {
        return NodeReader.optionalString(actor.values[slot], at.field(field));
    }

    /**
     * As {@code ConnectorSnapshotFormat.readTopics}: absent or {@code null} is unknown ({@code null}); otherwise an
     * array whose every item is a string, then each topic's rules; sorted.
     */
    private static List<String> topics(ScannedFields.Items<JsonNode> items, FieldPath at) {
        if (items == null || items.placeholder != null && items.placeholder.isNull()) {
            return null;
        }
        requireArray(items, at);
        List<String> topics = new ArrayList<>(items.size);
        for (int i = 0; i < items.size; i++) {
            topics.add(NodeReader.text(items.get(i), at.index(i)));
        }
        ConnectorSnapshotFormat.checkTopics(topics, at);
        topics.sort(null);
        return topics;
    }

    /**
     * As {@code ConnectorSnapshotFormat.read}'s {@code mask_reasons}: absent or {@code null} is empty; otherwise an
     * object whose every entry is a string (in document order), then each entry's rule in key order.
     */
    private static SortedMap<String, String> maskReasons(ScannedFields f, FieldPath data, ScannedFields.Entries config,
            String[] values, Set<String> maskedKeys) {
        if (f.maskReasons == null || f.maskReasons.placeholder != null && f.maskReasons.placeholder.isNull()) {
            return Collections.emptySortedMap(); // only read (by the digest): no map per event without reasons
        }
        SortedMap<String, String> reasons = new TreeMap<>();
        FieldPath at = data.field(ConnectorSnapshotFormat.MASK_REASONS);
        ScannedFields.Entries entries = requireObject(f.maskReasons, at);
        for (int i = 0; i < entries.size; i++) {
            reasons.put(entries.keys[i], entryValue(entries, i, at, false));
        }
        if (reasons.isEmpty()) {
            return reasons;
        }
        Map<String, String> configMap = index(config, values);
        for (Map.Entry<String, String> reason : reasons.entrySet()) {
            String problem = MaskReasonCodes.problem(reason.getKey(), reason.getValue(), configMap, maskedKeys);
            if (problem != null) {
                throw EventDecodingException.malformed(at.field(reason.getKey()), problem);
            }
        }
        return reasons;
    }

    /** As {@code ConnectorSnapshotFormat.readTasks}: every item an object first, then each task; ordered by id. */
    private static List<TaskSnapshot> tasks(ScannedFields f, FieldPath data) {
        FieldPath tasksPath = data.field(ConnectorSnapshotFormat.TASKS);
        ScannedFields.Items<ScannedFields.Fields> items = requireObjects(f.tasks, tasksPath);
        List<TaskSnapshot> tasks = new ArrayList<>(items.size);
        // A few tasks (the usual case) are compared with each other, more go through a map: the first position of an id.
        Map<Integer, Integer> positionOfId = items.size > FEW_TASKS ? new HashMap<>() : null;
        for (int i = 0; i < items.size; i++) {
            JsonNode[] task = items.get(i).values;
            FieldPath taskPath = tasksPath.index(i);
            int id = NodeReader.requiredIndex(task[ScannedFields.TASK_ID], taskPath.field(ConnectorSnapshotFormat.TASK_ID));
            Integer earlier = positionOfId != null ? positionOfId.putIfAbsent(id, i) : positionOf(tasks, id);
            if (earlier != null) {
                throw EventDecodingException.malformed(taskPath.field(ConnectorSnapshotFormat.TASK_ID),
                        ConnectorSnapshotFormat.repeatsTheIdOf(tasksPath.index(earlier)));
            }
            tasks.add(new TaskSnapshot(id,
                    NodeReader.requiredEnum(task[ScannedFields.TASK_STATE], taskPath.field(ConnectorSnapshotFormat.STATE),
                            ConnectorState.class),
                    NodeReader.optionalString(task[ScannedFields.TASK_WORKER_ID],
                            taskPath.field(ConnectorSnapshotFormat.WORKER_ID)),
                    NodeReader.optionalString(task[ScannedFields.TASK_TRACE], taskPath.field(ConnectorSnapshotFormat.TRACE))));
        }
        tasks.sort(Comparator.comparingInt(TaskSnapshot::id));
        return tasks;
    }

    /** Up to this many tasks, a repeated id is found by comparing each with those before it. */
    private static final int FEW_TASKS = 16;

    /** The position of the first task of {@code id} in {@code tasks} (in document order), {@code null} if none. */
    private static Integer positionOf(List<TaskSnapshot> tasks, int id) {
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).id() == id) {
                return i;
            }
        }
        return null;
    }

        /** As {@link ClusterInventoryFormat#read}. */
    private static ClusterInventory inventory(ScannedFields f, FieldPath data) {
        FieldPath at = data.field(ClusterInventoryFormat.CONNECTORS);
        ScannedFields.Entries entries = requireObject(f.connectors, at);
        SortedMap<String, String> connectors = new TreeMap<>();
        for (int i = 0; i < entries.size; i++) {
            connectors.put(entries.keys[i], entryValue(entries, i, at, false));
        }
        for (Map.Entry<String, String> entry : connectors.entrySet()) {
            if (entry.getKey().isEmpty()) {
                throw EventDecodingException.malformed(at.field(entry.getKey()), ClusterInventoryFormat.EMPTY_NAME);
            }
            if (!ConfigFingerprint.isWellFormed(entry.getValue())) {
                throw EventDecodingException.malformed(at.field(entry.getKey()),
                        ConnectorSnapshotFormat.FINGERPRINT_EXPECTED);
            }
        }
        return new ClusterInventory(connectors);
    }

    /** As {@link WorkerPluginsFormat#read}. */
    private static WorkerPlugins plugins(ScannedFields f, FieldPath data) {
        FieldPath at = data.field(WorkerPluginsFormat.PLUGINS);
        ScannedFields.Items<ScannedFields.Fields> items = requireObjects(f.plugins, at);
        List<PluginDescriptor> plugins = new ArrayList<>(items.size);
        for (int i = 0; i < items.size; i++) {
            JsonNode[] plugin = items.get(i).values;
            FieldPath pluginPath = at.index(i);
            plugins.add(new PluginDescriptor(
                    NodeReader.requiredString(plugin[ScannedFields.PLUGIN_CLASS_NAME],
                            pluginPath.field(WorkerPluginsFormat.CLASS_NAME)),
                    NodeReader.requiredString(plugin[ScannedFields.PLUGIN_TYPE], pluginPath.field(WorkerPluginsFormat.TYPE)),
                    NodeReader.optionalString(plugin[ScannedFields.PLUGIN_VERSION],
                            pluginPath.field(WorkerPluginsFormat.VERSION))));
        }
        return new WorkerPlugins(
                NodeReader.requiredString(f.dataWorkerId, data.field(WorkerPluginsFormat.WORKER_ID)),
                NodeReader.optionalString(f.kafkaVersion, data.field(WorkerPluginsFormat.KAFKA_VERSION)), plugins);
    }

    /** A map-like object that must be there: absent, {@code null} or another type is refused as NodeReader does. */
    private static ScannedFields.Entries requireObject(ScannedFields.Entries entries, FieldPath at) {
        if (entries == null) {
            NodeReader.requirePresent(null, at);
        }
        if (entries.placeholder != null) {
            NodeReader.requirePresent(entries.placeholder, at);
            NodeReader.object(entries.placeholder, at);
        }
        return entries;
    }

    private static <T> ScannedFields.Items<T> requireArray(ScannedFields.Items<T> items, FieldPath at) {
        if (items == null) {
            NodeReader.requirePresent(null, at);
        }
        if (items.placeholder != null) {
            NodeReader.requireArray(items.placeholder, at);
        }
        return items;
    }

    /** An array whose every item must be an object, checked before any item is read (as requiredObjects). */
    private static ScannedFields.Items<ScannedFields.Fields> requireObjects(ScannedFields.Items<ScannedFields.Fields> items,
            FieldPath at) {
        requireArray(items, at);
        for (int i = 0; i < items.size; i++) {
            JsonNode placeholder = items.get(i).placeholder;
            if (placeholder != null) {
                NodeReader.object(placeholder, at.index(i));
            }
        }
        return items;
    }

    /**
     * {@link NodeReader#mapValue} of entry {@code i}, its path made only when the entry is at fault (the rules are
     * checked here first in the same order, and a fault is left to {@code mapValue} to report): a snapshot has ~40.
     */
    private static String entryValue(ScannedFields.Entries entries, int i, FieldPath parent, boolean nullValues) {
        String key = entries.keys[i];
        JsonNode value = entries.values[i];
        if (Text.isWellFormed(key)) {
            if (value.isTextual() && Text.isWellFormed(value.textValue())) {
                return value.textValue();
            }
            if (value.isNull() && nullValues) {
                return null;
            }
        }
        return NodeReader.mapValue(key, value, parent.field(key), nullValues);
    }

    private static int find(ScannedFields.Entries config, String key) {
        for (int i = 0; i < config.size; i++) {
            if (config.keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, String> index(ScannedFields.Entries config, String[] values) {
        Map<String, String> index = new HashMap<>(config.size * 2);
        for (int i = 0; i < config.size; i++) {
            index.put(config.keys[i], values[i]);
        }
        return index;
    }
}

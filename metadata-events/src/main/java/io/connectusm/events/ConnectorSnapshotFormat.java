package io.connectusm.events;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * {@link PayloadFormat} of {@link ConnectorSnapshot}. Reading enforces the masking invariant before
 * anything else is built from the config: a key listed in {@code masked_keys} that carries anything but
 * {@link ConnectorSnapshot#MASKED_VALUE} is refused, naming the key and never showing its value; so is a
 * {@code mask_reasons} entry that breaks the contract ({@link MaskReasonCodes}). The optional fields
 * ({@code mask_reasons}, {@code trace_mode}, {@code actor}) are left out when empty or unknown, and {@code topics}
 * when unknown (an empty list is written: it says the worker tracks topics and the connector used none), so a
 * snapshot without them is written exactly as before they existed. A topic is a legal Kafka name ({@link TopicNames})
 * and is listed once.
 */
final class ConnectorSnapshotFormat implements PayloadFormat {

    static final String NAME = "name";
    static final String CONNECTOR_CLASS = "connector_class";
    static final String CONNECTOR_TYPE = "connector_type";
    static final String STATE = "state";
    static final String WORKER_ID = "worker_id";
    static final String TRACE = "trace";
    static final String TASKS = "tasks";
    static final String TASK_ID = "id";
    static final String CONFIG = "config";
    static final String MASKED_KEYS = "masked_keys";
    static final String CONFIG_FINGERPRINT = "config_fingerprint";
    static final String CAUSE = "cause";
    static final String MASK_REASONS = "mask_reasons";
    static final String TRACE_MODE = "trace_mode";
    static final String ACTOR = "actor";
    static final String PRINCIPAL = "principal";
    static final String CLIENT_ADDRESS = "client_address";
    static final String FORWARDED_FOR = "forwarded_for";
    static final String USER_AGENT = "user_agent";
    static final String REQUEST = "request";
    static final String FORWARDED = "forwarded";
    static final String TOPICS = "topics";

    static final String FINGERPRINT_EXPECTED = "expected sha256: followed by 64 lowercase hex digits";
    static final String MUST_BE_MASKED = "is listed in masked_keys, so its value must be \""
            + ConnectorSnapshot.MASKED_VALUE + "\"";
    static final String NOT_THE_FINGERPRINT = "is not the fingerprint of config (see ConfigFingerprint)";

    /** The outline of the optional {@code actor} object, which a deletion carries too. */
    static final Shape.Fields ACTOR_SHAPE = Shape.fields(PRINCIPAL, Shape.SCALAR, CLIENT_ADDRESS, Shape.SCALAR,
            FORWARDED_FOR, Shape.SCALAR, USER_AGENT, Shape.SCALAR, REQUEST, Shape.SCALAR, FORWARDED, Shape.SCALAR);

    private static final Shape.Fields SHAPE = Shape.fields(
            NAME, Shape.SCALAR,
            CONNECTOR_CLASS, Shape.SCALAR,
            CONNECTOR_TYPE, Shape.SCALAR,
            STATE, Shape.SCALAR,
            WORKER_ID, Shape.SCALAR,
            TRACE, Shape.SCALAR,
            TASKS, Shape.items(
                    Shape.fields(TASK_ID, Shape.SCALAR, STATE, Shape.SCALAR, WORKER_ID, Shape.SCALAR, TRACE, Shape.SCALAR),
                    EventLimits.MAX_TASKS, "MAX_TASKS"),
            CONFIG, Shape.entries(Shape.SCALAR, EventLimits.MAX_CONFIG_ENTRIES, "MAX_CONFIG_ENTRIES"),
            MASKED_KEYS, Shape.items(Shape.SCALAR, EventLimits.MAX_CONFIG_ENTRIES, "MAX_CONFIG_ENTRIES"),
            CONFIG_FINGERPRINT, Shape.SCALAR,
            CAUSE, Shape.SCALAR,
            MASK_REASONS, Shape.entries(Shape.SCALAR, EventLimits.MAX_CONFIG_ENTRIES, "MAX_CONFIG_ENTRIES"),
            TRACE_MODE, Shape.SCALAR,
            ACTOR, ACTOR_SHAPE,
            TOPICS, Shape.items(Shape.SCALAR, EventLimits.MAX_TOPICS, "MAX_TOPICS"));

    @Override
    public Shape.Fields shape() {
        return SHAPE;
    }

    @Override
    public void write(EventPayload payload, DataWriter out) throws IOException {
        ConnectorSnapshot snapshot = (ConnectorSnapshot) payload;
        out.string(NAME, snapshot.name());
        out.optionalString(CONNECTOR_CLASS, snapshot.connectorClass());
        out.fixed(CONNECTOR_TYPE, snapshot.connectorType().name());
        out.fixed(STATE, snapshot.state().name());
        out.optionalString(WORKER_ID, snapshot.workerId());
        out.optionalString(TRACE, snapshot.trace());
        out.objects(TASKS, snapshot.tasks(), ConnectorSnapshotFormat::writeTask);
        out.stringMap(CONFIG, snapshot.config());
        out.strings(MASKED_KEYS, snapshot.maskedKeys());
        out.fixed(CONFIG_FINGERPRINT, snapshot.configFingerprint());
        out.fixed(CAUSE, snapshot.cause().name());
        if (!snapshot.maskReasons().isEmpty()) {
            out.stringMap(MASK_REASONS, snapshot.maskReasons());
        }
        if (snapshot.traceMode() != null) {
            out.fixed(TRACE_MODE, snapshot.traceMode().name());
        }
        if (snapshot.actor() != null) {
            out.object(ACTOR, snapshot.actor(), ConnectorSnapshotFormat::writeActor);
        }
        if (snapshot.topics() != null) {
            out.strings(TOPICS, snapshot.topics());
        }
    }

    private static void writeTask(TaskSnapshot task, DataWriter out) throws IOException {
        out.number(TASK_ID, task.id());
        out.fixed(STATE, task.state().name());
        out.optionalString(WORKER_ID, task.workerId());
        out.optionalString(TRACE, task.trace());
    }

    @Override
    public EventPayload read(NodeReader data) {
        SortedMap<String, String> config = data.requiredStringMap(CONFIG, true);
        TreeSet<String> maskedKeys = new TreeSet<>(data.requiredStrings(MASKED_KEYS));
        for (String key : maskedKeys) {
            if (config.containsKey(key) && !ConnectorSnapshot.MASKED_VALUE.equals(config.get(key))) {
                throw EventDecodingException.malformed(data.path(CONFIG).field(key), MUST_BE_MASKED);
            }
        }
        SortedMap<String, String> reasons = data.optionalStringMap(MASK_REASONS);
        for (Map.Entry<String, String> reason : reasons.entrySet()) {
            String problem = MaskReasonCodes.problem(reason.getKey(), reason.getValue(), config, maskedKeys);
            if (problem != null) {
                throw EventDecodingException.malformed(data.path(MASK_REASONS).field(reason.getKey()), problem);
            }
        }
        String fingerprint = data.requiredString(CONFIG_FINGERPRINT);
        if (!ConfigFingerprint.isWellFormed(fingerprint)) {
            throw EventDecodingException.malformed(data.path(CONFIG_FINGERPRINT), FINGERPRINT_EXPECTED);
        }
        if (!fingerprint.equals(ConfigFingerprint.of(config))) {
            throw EventDecodingException.malformed(data.path(CONFIG_FINGERPRINT), NOT_THE_FINGERPRINT);
        }
        return ConnectorSnapshot.builder()
                .name(data.requiredString(NAME))
                .connectorClass(data.optionalString(CONNECTOR_CLASS))
                .connectorType(data.requiredEnum(CONNECTOR_TYPE, ConnectorType.class))
                .state(data.requiredEnum(STATE, ConnectorState.class))
                .workerId(data.optionalString(WORKER_ID))
                .trace(data.optionalString(TRACE))
                .tasks(readTasks(data))
                .config(config)
                .maskedKeys(maskedKeys)
                .maskReasons(reasons)
                .configFingerprint(fingerprint)
                .cause(data.requiredEnum(CAUSE, ChangeCause.class))
                .traceMode(data.optionalEnum(TRACE_MODE, TraceMode.class))
                .actor(readActor(data))
                .topics(readTopics(data))
                .build();
    }

    /** {@code topics}: absent or {@code null} is unknown; else every item a string, then each a legal, new name. */
    private static List<String> readTopics(NodeReader data) {
        List<String> topics = data.optionalStrings(TOPICS);
        if (topics != null) {
            checkTopics(topics, data.path(TOPICS));
        }
        return topics;
    }

    /** The rules of each topic, in order, shared with {@link ScanChecks}: legal, then not a repeat. */
    static void checkTopics(List<String> topics, FieldPath at) {
        Map<String, Integer> positionOf = new HashMap<>();
        for (int i = 0; i < topics.size(); i++) {
            String problem = TopicNames.problem(topics.get(i));
            if (problem != null) {
                throw EventDecodingException.malformed(at.index(i), problem);
            }
            Integer earlier = positionOf.putIfAbsent(topics.get(i), i);
            if (earlier != null) {
                throw EventDecodingException.malformed(at.index(i), "repeats " + at.index(earlier));
            }
        }
    }

    /** Writes {@code actor}'s fields, the {@code actor} object of a snapshot or a deletion. */
    static void writeActor(ChangeActor actor, DataWriter out) throws IOException {
        out.optionalString(PRINCIPAL, actor.principal());
        out.optionalString(CLIENT_ADDRESS, actor.clientAddress());
        out.optionalString(FORWARDED_FOR, actor.forwardedFor());
        out.optionalString(USER_AGENT, actor.userAgent());
        out.optionalString(REQUEST, actor.request());
        out.flag(FORWARDED, actor.forwarded());
    }

    /** The optional {@code actor} object of {@code data} (a snapshot's or a deletion's), or {@code null}. */
    static ChangeActor readActor(NodeReader data) {
        NodeReader actor = data.optionalObject(ACTOR);
        if (actor == null) {
            return null;
        }
        return new ChangeActor(actor.optionalString(PRINCIPAL), actor.optionalString(CLIENT_ADDRESS),
                actor.optionalString(FORWARDED_FOR), actor.optionalString(USER_AGENT), actor.optionalString(REQUEST),
                actor.optionalBoolean(FORWARDED));
    }

    static String repeatsTheIdOf(FieldPath earlier) {
        return "repeats the id of " + earlier;
    }

    private static List<TaskSnapshot> readTasks(NodeReader data) {
        List<NodeReader> items = data.requiredObjects(TASKS);
        List<TaskSnapshot> tasks = new ArrayList<>(items.size());
        Map<Integer, Integer> positionOfId = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            NodeReader task = items.get(i);
            int id = task.requiredIndex(TASK_ID);
            Integer earlier = positionOfId.putIfAbsent(id, i);
            if (earlier != null) {
                throw EventDecodingException.malformed(task.path(TASK_ID), repeatsTheIdOf(data.path(TASKS).index(earlier)));
            }
            tasks.add(new TaskSnapshot(id, task.requiredEnum(STATE, ConnectorState.class),
                    task.optionalString(WORKER_ID), task.optionalString(TRACE)));
        }
        return tasks;
    }
}

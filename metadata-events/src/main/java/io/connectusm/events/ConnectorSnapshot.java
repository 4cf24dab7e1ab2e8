package io.connectusm.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The whole current state of one connector, with its configuration already masked. Travels with the
 * connector name as the event's {@code subject}.
 *
 * <p>Invariants, checked here so no module can build a snapshot that breaks them: every key named in
 * {@code maskedKeys} that is present in {@code config} carries exactly {@link #MASKED_VALUE}, and
 * {@code configFingerprint} is {@link ConfigFingerprint#of(Map)} of {@code config}. The secret itself is
 * never on the wire, neither raw nor hashed. {@code maskReasons} (optional: empty from emitters that do not give
 * reasons) names only keys present in {@code config}, each with a well-formed {@link MaskReasonCodes code}; a key
 * whose code masks the whole value is in {@code maskedKeys}, a key with {@link MaskReasonCodes#URL url} (a
 * credential cut out, the rest kept) is not. Task ids are unique; tasks are kept ordered by id. A value class
 * (equal when all fields are equal). The optional {@link #actor() actor} says who made the change through the REST
 * API; the optional {@link #topics() topics} are the connector's active topics. Built with {@link #builder()} (or
 * {@link #toBuilder()} from another snapshot). Immutable and thread-safe.
 *
 * <p>Over 300 lines for a reason: the wire contract's largest record (fifteen fields, each checked where it is set)
 * and the builder that is its only way in; split, the rules of one field would live apart from the field.
 */
public final class ConnectorSnapshot extends EventPayload {

    /** What a masked value is replaced with, as Confluent's tools show it. */
    public static final String MASKED_VALUE = "********";

    private static final SortedMap<String, String> NO_REASONS = Collections.emptySortedMap();

    private final String name;
    private final String connectorClass;
    private final ConnectorType connectorType;
    private final ConnectorState state;
    private final String workerId;
    private final String trace;
    private final List<TaskSnapshot> tasks;
    private final SortedMap<String, String> config;
    private final SortedSet<String> maskedKeys;
    private final SortedMap<String, String> maskReasons;
    private final String configFingerprint;
    private final ChangeCause cause;
    private final TraceMode traceMode;
    private final ChangeActor actor;
    private final List<String> topics;

    private ConnectorSnapshot(Builder b) {
        Objects.requireNonNull(b.name, "name");
        Objects.requireNonNull(b.connectorType, "connectorType");
        Objects.requireNonNull(b.state, "state");
        Objects.requireNonNull(b.cause, "cause");
        Objects.requireNonNull(b.tasks, "tasks");
        Objects.requireNonNull(b.config, "config");
        Objects.requireNonNull(b.maskedKeys, "maskedKeys");
        Objects.requireNonNull(b.maskReasons, "maskReasons");
        if (b.name.isEmpty()) {
            throw new IllegalArgumentException("connector name must not be empty");
        }
        this.name = b.name;
        this.connectorClass = b.connectorClass;
        this.connectorType = b.connectorType;
        this.state = b.state;
        this.workerId = b.workerId;
        this.trace = b.trace;
        ConnectorSnapshot from = b.from;
        this.tasks = from != null && b.tasks == from.tasks ? from.tasks : sortedById(b.tasks);
        String fingerprint;
        if (from != null && b.config == from.config && b.maskedKeys == from.maskedKeys
                && b.maskReasons == from.maskReasons) {
            // The very collections of a snapshot already built (toBuilder): checked then and unmodifiable since, so
            // neither copied nor fingerprinted again — a worker resends every connector once per resync interval.
            this.config = from.config;
            this.maskedKeys = from.maskedKeys;
            this.maskReasons = from.maskReasons;
            fingerprint = from.configFingerprint;
        } else {
            this.config = Collections.unmodifiableSortedMap(new TreeMap<>(b.config));
            this.maskedKeys = Collections.unmodifiableSortedSet(new TreeSet<>(b.maskedKeys));
            requireMasked(this.config, this.maskedKeys);
            this.maskReasons = b.maskReasons.isEmpty() ? NO_REASONS
                    : Collections.unmodifiableSortedMap(new TreeMap<>(b.maskReasons));
            requireReasons(this.config, this.maskedKeys, this.maskReasons);
            // Checked after the masking invariant, so a fingerprint is never computed or compared over an unmasked
            // config.
            fingerprint = ConfigFingerprint.of(this.config);
        }
        if (b.configFingerprint != null && !b.configFingerprint.equals(fingerprint)) {
            throw new IllegalArgumentException("configFingerprint is not ConfigFingerprint.of(config)");
        }
        this.configFingerprint = fingerprint;
        this.cause = b.cause;
        this.traceMode = b.traceMode;
        this.actor = b.actor;
        this.topics = from != null && b.topics == from.topics ? from.topics
                : b.topics == null ? null : topicList(b.topics);
    }

    /** A builder with no field set: name, connector type, state and cause are required, the rest optional. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding every field of this snapshot, to change some of them; not its fingerprint, which
     * {@code build()} computes again from a changed config (so a changed config needs no new fingerprint). The
     * collections left as they are (config, masked keys, reasons, tasks, topics) are reused, not copied or checked
     * again: this snapshot's are unmodifiable and were checked when it was built.
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.from = this;
        b.name = name;
        b.connectorClass = connectorClass;
        b.connectorType = connectorType;
        b.state = state;
        b.workerId = workerId;
        b.trace = trace;
        b.tasks = tasks;
        b.config = config;
        b.maskedKeys = maskedKeys;
        b.maskReasons = maskReasons;
        b.cause = cause;
        b.traceMode = traceMode;
        b.actor = actor;
        b.topics = topics;
        return b;
    }

    /** The connector name. */
    public String name() {
        return name;
    }

    /** The {@code connector.class} value as configured, or {@code null} when unknown. */
    public String connectorClass() {
        return connectorClass;
    }

    public ConnectorType connectorType() {
        return connectorType;
    }

    public ConnectorState state() {
        return state;
    }

    /** The worker running the connector, or {@code null} when unassigned. */
    public String workerId() {
        return workerId;
    }

    /** The failure's stack trace, or {@code null}. */
    public String trace() {
        return trace;
    }

    /** Every task, ordered by id; unmodifiable. */
    public List<TaskSnapshot> tasks() {
        return tasks;
    }

    /** The masked configuration, ordered by key; unmodifiable. */
    public SortedMap<String, String> config() {
        return config;
    }

    /** The names of the masked keys; unmodifiable. */
    public SortedSet<String> maskedKeys() {
        return maskedKeys;
    }

    /**
     * Why each changed key changed: key → {@link MaskReasonCodes code}, ordered by key; unmodifiable; empty when the
     * emitter gives no reasons (an older one). Keys in {@link #maskedKeys()} with a code that masks the whole value;
     * keys with {@link MaskReasonCodes#URL url} carry their value with a credential cut out.
     */
    public SortedMap<String, String> maskReasons() {
        return maskReasons;
    }

    /** How the emitter treated the traces, or {@code null} when it does not say. */
    public TraceMode traceMode() {
        return traceMode;
    }

    /**
     * Who made the change through the Connect REST API, or {@code null} when no REST call caused it (a task failure,
     * a rebalance or a resync found by the reconcile pass) or the emitter is older than this field.
     */
    public ChangeActor actor() {
        return actor;
    }

    /** This snapshot with {@code actor} as its actor (the same instance when it already has it). */
    public ConnectorSnapshot withActor(ChangeActor actor) {
        if (Objects.equals(this.actor, actor)) {
            return this;
        }
        return toBuilder().actor(actor).build();
    }

    /**
     * The connector's active topics (those its tasks produced to or consumed from since the last reset, as Connect
     * tracks them, KIP-558), sorted and distinct; unmodifiable. {@code null} when unknown: the worker does not track
     * topics ({@code topic.tracking.enable=false}), the emitter cannot read them, or it is older than this field. An
     * empty list means the worker tracks topics and this connector has used none.
     */
    public List<String> topics() {
        return topics;
    }

    /** {@link ConfigFingerprint#of(Map)} of {@link #config()}. */
    public String configFingerprint() {
        return configFingerprint;
    }

    public ChangeCause cause() {
        return cause;
    }

    @Override
    public EventType type() {
        return EventType.CONNECTOR_SNAPSHOT;
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (!(other instanceof ConnectorSnapshot)) {
            return false;
        }
        ConnectorSnapshot that = (ConnectorSnapshot) other;
        return name.equals(that.name) && Objects.equals(connectorClass, that.connectorClass)
                && connectorType == that.connectorType && state == that.state
                && Objects.equals(workerId, that.workerId) && Objects.equals(trace, that.trace)
                && tasks.equals(that.tasks) && config.equals(that.config) && maskedKeys.equals(that.maskedKeys)
                && maskReasons.equals(that.maskReasons) && configFingerprint.equals(that.configFingerprint)
                && cause == that.cause && traceMode == that.traceMode && Objects.equals(actor, that.actor)
                && Objects.equals(topics, that.topics);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, connectorClass, connectorType, state, workerId, trace, tasks, config, maskedKeys,
                maskReasons, configFingerprint, cause, traceMode, actor, topics);
    }

    /** All fields, as a record would print them; the config is masked, so this is safe to log. */
    @Override
    public String toString() {
        return "ConnectorSnapshot[name=" + name + ", connectorClass=" + connectorClass + ", connectorType="
                + connectorType + ", state=" + state + ", workerId=" + workerId + ", trace=" + trace + ", tasks="
                + tasks + ", config=" + config + ", maskedKeys=" + maskedKeys + ", maskReasons=" + maskReasons
                + ", configFingerprint=" + configFingerprint + ", cause=" + cause + ", traceMode=" + traceMode
                + ", actor=" + actor + ", topics=" + topics + "]";
    }

    private static List<TaskSnapshot> sortedById(List<TaskSnapshot> tasks) {
        List<TaskSnapshot> sorted = new ArrayList<>(tasks);
        sorted.sort(Comparator.comparingInt(TaskSnapshot::id));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).id() == sorted.get(i - 1).id()) {
                throw new IllegalArgumentException("task id " + sorted.get(i).id() + " appears more than once");
            }
        }
        return List.copyOf(sorted);
    }

    private static List<String> topicList(Collection<String> topics) {
        TreeSet<String> sorted = new TreeSet<>();
        for (String topic : topics) {
            String problem = TopicNames.problem(topic);
            if (problem != null) {
                throw new IllegalArgumentException("topic " + problem);
            }
            sorted.add(topic);
        }
        return List.copyOf(sorted);
    }

    private static void requireReasons(Map<String, String> config, java.util.Set<String> maskedKeys,
                                       Map<String, String> reasons) {
        for (Map.Entry<String, String> reason : reasons.entrySet()) {
            String problem = MaskReasonCodes.problem(reason.getKey(), reason.getValue(), config, maskedKeys);
            if (problem != null) {
                throw new IllegalArgumentException("mask reason of config key '" + reason.getKey() + "': " + problem);
            }
        }
    }

    private static void requireMasked(Map<String, String> config, Iterable<String> maskedKeys) {
        for (String key : maskedKeys) {
            if (config.containsKey(key) && !MASKED_VALUE.equals(config.get(key))) {
                throw new IllegalArgumentException("config key '" + key + "' is listed as masked but carries a value");
            }
        }
    }

    /**
     * Builds a {@link ConnectorSnapshot}: set the fields that apply, then {@link #build()}, which checks the invariants
     * of the class comment. Defaults: no tasks, an empty config, no masked keys, no mask reasons, a fingerprint computed
     * from the config, and {@code null} (unknown) for the optional fields. Collections are copied at {@code build()}.
     * Not thread-safe; reusable (each {@code build()} makes a new snapshot).
     */
    public static final class Builder {

        private String name;
        private String connectorClass;
        private ConnectorType connectorType;
        private ConnectorState state;
        private String workerId;
        private String trace;
        private List<TaskSnapshot> tasks = List.of();
        private Map<String, String> config = Collections.emptySortedMap();
        private Collection<String> maskedKeys = Collections.emptySortedSet();
        private Map<String, String> maskReasons = NO_REASONS;
        private String configFingerprint;
        private ChangeCause cause;
        private TraceMode traceMode;
        private ChangeActor actor;
        private Collection<String> topics;
        /** The snapshot {@link #toBuilder()} came from: its collections, still set, are reused as they are. */
        private ConnectorSnapshot from;

        private Builder() {
        }

        /** The connector name, not empty; required. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The {@code connector.class} value as configured (class name or alias), or {@code null} when unknown. */
        public Builder connectorClass(String connectorClass) {
            this.connectorClass = connectorClass;
            return this;
        }

        /** Source, sink or unknown; required. */
        public Builder connectorType(ConnectorType connectorType) {
            this.connectorType = connectorType;
            return this;
        }

        /** The connector's own state; required. */
        public Builder state(ConnectorState state) {
            this.state = state;
            return this;
        }

        /** The worker running the connector, or {@code null} when unassigned. */
        public Builder workerId(String workerId) {
            this.workerId = workerId;
            return this;
        }

        /** The failure's stack trace when the state is {@code FAILED}, else {@code null}. */
        public Builder trace(String trace) {
            this.trace = trace;
            return this;
        }

        /** Every task, in any order (ordered by id at build; ids unique). */
        public Builder tasks(List<TaskSnapshot> tasks) {
            this.tasks = tasks;
            return this;
        }

        /** The masked configuration; values may be {@code null}. */
        public Builder config(Map<String, String> config) {
            this.config = config;
            return this;
        }

        /** The names of the keys whose values were masked. */
        public Builder maskedKeys(Collection<String> maskedKeys) {
            this.maskedKeys = maskedKeys;
            return this;
        }

        /** Why each changed key changed ({@link MaskReasonCodes}); empty when the emitter gives no reasons. */
        public Builder maskReasons(Map<String, String> maskReasons) {
            this.maskReasons = maskReasons;
            return this;
        }

        /**
         * The fingerprint the emitter computed, checked at build against {@link ConfigFingerprint#of(Map)} of the
         * config; {@code null} (the default) to have it computed.
         */
        public Builder configFingerprint(String configFingerprint) {
            this.configFingerprint = configFingerprint;
            return this;
        }

        /** What made the emitter send this snapshot; required. */
        public Builder cause(ChangeCause cause) {
            this.cause = cause;
            return this;
        }

        /** How the emitter treated the traces, or {@code null} when it does not say. */
        public Builder traceMode(TraceMode traceMode) {
            this.traceMode = traceMode;
            return this;
        }

        /** Who made the change through the REST API, or {@code null}. */
        public Builder actor(ChangeActor actor) {
            this.actor = actor;
            return this;
        }

        /**
         * The connector's active topics, in any order, repeats ignored; each a legal Kafka topic name
         * ({@link TopicNames}). {@code null} (the default) when unknown.
         */
        public Builder topics(Collection<String> topics) {
            this.topics = topics;
            return this;
        }

        /**
         * @throws NullPointerException     if a required field is missing
         * @throws IllegalArgumentException if an invariant of {@link ConnectorSnapshot}'s class comment does not hold
         */
        public ConnectorSnapshot build() {
            return new ConnectorSnapshot(this);
        }
    }
}

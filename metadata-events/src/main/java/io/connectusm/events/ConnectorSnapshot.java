package io.connectusm.events;

import java.util.ArrayList;
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
 * API. Immutable and thread-safe.
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

    /**
     * @param name              the connector name, not empty
     * @param connectorClass    the {@code connector.class} value as configured (class name or alias), or
     *                          {@code null} when unknown
     * @param connectorType     source or sink
     * @param state             the connector's own state
     * @param workerId          the worker running the connector, or {@code null} when unassigned
     * @param trace             the failure's stack trace when {@code state} is {@code FAILED}, else {@code null}
     * @param tasks             every task, in any order; copied and ordered by id
     * @param config            the masked configuration; copied and ordered by key; values may be {@code null}
     * @param maskedKeys        the names of the keys whose values were masked; copied
     * @param maskReasons       why each changed key changed ({@link MaskReasonCodes}); copied; empty when the emitter
     *                          gives no reasons
     * @param configFingerprint {@link ConfigFingerprint#of(Map)} of {@code config}
     * @param cause             what made the emitter send this snapshot
     * @param traceMode         how the emitter treated the traces, or {@code null} when it does not say
     * @param actor             who made the change through the REST API, or {@code null} when no REST call caused
     *                          it (or the emitter does not say)
     * @throws IllegalArgumentException if an invariant of the class comment does not hold
     */
    public ConnectorSnapshot(
            String name,
            String connectorClass,
            ConnectorType connectorType,
            ConnectorState state,
            String workerId,
            String trace,
            List<TaskSnapshot> tasks,
            SortedMap<String, String> config,
            SortedSet<String> maskedKeys,
            SortedMap<String, String> maskReasons,
            String configFingerprint,
            ChangeCause cause,
            TraceMode traceMode,
            ChangeActor actor) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connectorType, "connectorType");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(configFingerprint, "configFingerprint");
        Objects.requireNonNull(maskReasons, "maskReasons");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("connector name must not be empty");
        }
        this.name = name;
        this.connectorClass = connectorClass;
        this.connectorType = connectorType;
        this.state = state;
        this.workerId = workerId;
        this.trace = trace;
        this.tasks = sortedById(tasks);
        this.config = Collections.unmodifiableSortedMap(new TreeMap<>(config));
        this.maskedKeys = Collections.unmodifiableSortedSet(new TreeSet<>(maskedKeys));
        requireMasked(this.config, this.maskedKeys);
        this.maskReasons = Collections.unmodifiableSortedMap(new TreeMap<>(maskReasons));
        requireReasons(this.config, this.maskedKeys, this.maskReasons);
        // Checked after the masking invariant, so a fingerprint is never compared over an unmasked config.
        if (!configFingerprint.equals(ConfigFingerprint.of(this.config))) {
            throw new IllegalArgumentException("configFingerprint is not ConfigFingerprint.of(config)");
        }
        this.configFingerprint = configFingerprint;
        this.cause = cause;
        this.traceMode = traceMode;
        this.actor = actor;
    }

    /** A snapshot with reasons and trace mode, without an actor. */
    public ConnectorSnapshot(
            String name,
            String connectorClass,
            ConnectorType connectorType,
            ConnectorState state,
            String workerId,
            String trace,
            List<TaskSnapshot> tasks,
            SortedMap<String, String> config,
            SortedSet<String> maskedKeys,
            SortedMap<String, String> maskReasons,
            String configFingerprint,
            ChangeCause cause,
            TraceMode traceMode) {
        this(name, connectorClass, connectorType, state, workerId, trace, tasks, config, maskedKeys, maskReasons,
                configFingerprint, cause, traceMode, null);
    }

    /** A snapshot with reasons and trace mode whose fingerprint is computed from {@code config}. */
    public ConnectorSnapshot(
            String name,
            String connectorClass,
            ConnectorType connectorType,
            ConnectorState state,
            String workerId,
            String trace,
            List<TaskSnapshot> tasks,
            SortedMap<String, String> config,
            SortedSet<String> maskedKeys,
            SortedMap<String, String> maskReasons,
            ChangeCause cause,
            TraceMode traceMode) {
        this(name, connectorClass, connectorType, state, workerId, trace, tasks, config, maskedKeys, maskReasons,
                fingerprintOf(config, maskedKeys), cause, traceMode);
    }

    /** A snapshot without mask reasons or trace mode (as emitters before them send it). */
    public ConnectorSnapshot(
            String name,
            String connectorClass,
            ConnectorType connectorType,
            ConnectorState state,
            String workerId,
            String trace,
            List<TaskSnapshot> tasks,
            SortedMap<String, String> config,
            SortedSet<String> maskedKeys,
            String configFingerprint,
            ChangeCause cause) {
        this(name, connectorClass, connectorType, state, workerId, trace, tasks, config, maskedKeys, NO_REASONS,
                configFingerprint, cause, null);
    }

    /** A snapshot without mask reasons or trace mode whose fingerprint is computed from {@code config}. */
    public ConnectorSnapshot(
            String name,
            String connectorClass,
            ConnectorType connectorType,
            ConnectorState state,
            String workerId,
            String trace,
            List<TaskSnapshot> tasks,
            SortedMap<String, String> config,
            SortedSet<String> maskedKeys,
            ChangeCause cause) {
        this(name, connectorClass, connectorType, state, workerId, trace, tasks, config, maskedKeys, NO_REASONS,
                fingerprintOf(config, maskedKeys), cause, null);
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
        return new ConnectorSnapshot(name, connectorClass, connectorType, state, workerId, trace, tasks, config,
                maskedKeys, maskReasons, configFingerprint, cause, traceMode, actor);
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
                && cause == that.cause && traceMode == that.traceMode && Objects.equals(actor, that.actor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, connectorClass, connectorType, state, workerId, trace, tasks, config, maskedKeys,
                maskReasons, configFingerprint, cause, traceMode, actor);
    }

    /** All fields, as a record would print them; the config is masked, so this is safe to log. */
    @Override
    public String toString() {
        return "ConnectorSnapshot[name=" + name + ", connectorClass=" + connectorClass + ", connectorType="
                + connectorType + ", state=" + state + ", workerId=" + workerId + ", trace=" + trace + ", tasks="
                + tasks + ", config=" + config + ", maskedKeys=" + maskedKeys + ", maskReasons=" + maskReasons
                + ", configFingerprint=" + configFingerprint + ", cause=" + cause + ", traceMode=" + traceMode
                + ", actor=" + actor + "]";
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

    // Never hash a map in which a masked key still holds its secret: fail as the canonical constructor would.
    private static String fingerprintOf(SortedMap<String, String> config, SortedSet<String> maskedKeys) {
        requireMasked(config, maskedKeys);
        return ConfigFingerprint.of(config);
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
}

package io.connectusm.extension;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.TaskSnapshot;

import java.util.List;
import java.util.Objects;

/**
 * What one observation of one connector found: its state read just now (traces already as they may leave) and its
 * (masked) config as last read. Compared with the previous observation to decide whether (and why) a snapshot is due. Immutable.
 */
final class ObservedConnector {

    private final String name;
    private final ConnectorType type;
    private final ConnectorState state;
    private final String workerId;
    private final String trace;
    private final List<TaskSnapshot> tasks;
    private final ConnectorConfigView config;
    private final List<String> topics;

    ObservedConnector(String name, ConnectorType type, ConnectorState state, String workerId, String trace,
                      List<TaskSnapshot> tasks, ConnectorConfigView config) {
        this(name, type, state, workerId, trace, tasks, config, null);
    }

    /** @param topics the active topics, sorted and shared ({@link ActiveTopics}), or {@code null} when unknown */
    ObservedConnector(String name, ConnectorType type, ConnectorState state, String workerId, String trace,
                      List<TaskSnapshot> tasks, ConnectorConfigView config, List<String> topics) {
        this.topics = topics;
        this.name = name;
        this.type = type;
        this.state = state;
        this.workerId = workerId;
        this.trace = trace;
        this.tasks = tasks;
        this.config = config;
    }

    String name() {
        return name;
    }

    ConnectorState state() {
        return state;
    }

    List<TaskSnapshot> tasks() {
        return tasks;
    }

    ConnectorConfigView config() {
        return config;
    }

    String fingerprint() {
        return config.fingerprint();
    }

    /** Why a snapshot is due relative to {@code previous} ({@code null}: first sight), or {@code null} for none. */
    ChangeCause changeSince(ObservedConnector previous) {
        if (previous == null) {
            return ChangeCause.CREATED;
        }
        if (!fingerprint().equals(previous.fingerprint())) {
            return ChangeCause.CONFIG_UPDATED;
        }
        if (state != previous.state || !Objects.equals(workerId, previous.workerId)
                || !Objects.equals(trace, previous.trace)) {
            return ChangeCause.STATE_CHANGED;
        }
        if (!tasks.equals(previous.tasks)) {
            return ChangeCause.TASKS_CHANGED;
        }
        // New topics in use (or a reset) are news; topics becoming unknown (the feed stopped) are not.
        if (topics != null && !topics.equals(previous.topics)) {
            return ChangeCause.STATE_CHANGED;
        }
        return null;
    }

    /** The snapshot of this observation, reusing the checked collections of the first one made with its config. */
    ConnectorSnapshot toSnapshot(ChangeCause cause) {
        ConnectorSnapshot template = config.template();
        ConnectorSnapshot.Builder builder = template == null
                ? ConnectorSnapshot.builder()
                        .config(config.masked().config())
                        .maskedKeys(config.masked().maskedKeys())
                        .maskReasons(config.masked().reasonCodes())
                // The template's config, masked keys and reasons are this config's, already checked: reused.
                : template.toBuilder();
        ConnectorSnapshot snapshot = builder
                .name(name)
                .connectorClass(config.connectorClass())
                .connectorType(type)
                .state(state)
                .workerId(workerId)
                .trace(trace)
                .tasks(tasks)
                .configFingerprint(config.fingerprint())
                .cause(cause)
                .traceMode(config.masked().traceMode())
                .actor(null)
                .topics(topics)
                .build();
        config.offerTemplate(snapshot);
        return snapshot;
    }
}

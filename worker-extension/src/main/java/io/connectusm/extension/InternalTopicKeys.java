package io.connectusm.extension;

import io.connectusm.events.TopicNames;

/**
 * Which connector a record of the worker's config or status topic is about, and what it may have changed, from the
 * record's key alone. The keys are those Kafka Connect's {@code KafkaConfigBackingStore} and
 * {@code KafkaStatusBackingStore} write, unchanged from Kafka 0.10 to 4.4: {@code connector-<name>} (the config;
 * a tombstone deletes it), {@code target-state-<name>}, {@code task-<name>-<n>}, {@code commit-<name>},
 * {@code tasks-fencing-<name>}, {@code restart-connector-<name>}, {@code session-key}, {@code logger-cluster-…};
 * {@code status-connector-<name>}, {@code status-task-<name>-<n>}, {@code status-topic-<topic>:connector-<name>}.
 *
 * <p>Pure and stateless; thread-safe.
 */
final class InternalTopicKeys {

    /** What a record may have changed about its connector. */
    enum Change {
        /** Its config (the record's value is the whole config, or a tombstone: deleted). */
        CONFIG,
        /** Its state, target state, tasks or their states: the status store shows what changed. */
        STATE
    }

    /** One key read: the connector and the kind of change. Immutable. */
    static final class Key {
        private final String connector;
        private final Change change;

        Key(String connector, Change change) {
            this.connector = connector;
            this.change = change;
        }

        String connector() {
            return connector;
        }

        Change change() {
            return change;
        }

        @Override
        public String toString() {
            return change + " " + connector;
        }
    }

    /** A {@code status-topic-<topic>:connector-<name>} key read: the connector and one of its active topics. Immutable. */
    static final class TopicUsage {
        private final String topic;
        private final String connector;

        TopicUsage(String topic, String connector) {
            this.topic = topic;
            this.connector = connector;
        }

        String topic() {
            return topic;
        }

        String connector() {
            return connector;
        }

        @Override
        public String toString() {
            return "topic " + topic + " of " + connector;
        }
    }

    static final String CONNECTOR_PREFIX = "connector-";
    private static final String STATUS_TOPIC_PREFIX = "status-topic-";
    private static final String TOPIC_SEPARATOR = ":" + CONNECTOR_PREFIX;
    private static final String TARGET_STATE_PREFIX = "target-state-";
    private static final String TASK_PREFIX = "task-";
    private static final String COMMIT_TASKS_PREFIX = "commit-";
    private static final String TASK_COUNT_PREFIX = "tasks-fencing-";
    private static final String RESTART_PREFIX = "restart-connector-";
    private static final String STATUS_CONNECTOR_PREFIX = "status-connector-";
    private static final String STATUS_TASK_PREFIX = "status-task-";

    private InternalTopicKeys() {
    }

    /**
     * A config topic key, or {@code null} for a key about no connector ({@code session-key},
     * {@code logger-cluster-…}) or one this class does not know.
     */
    static Key ofConfigRecord(String key) {
        if (key == null) {
            return null;
        }
        if (key.startsWith(CONNECTOR_PREFIX)) {
            return key(key.substring(CONNECTOR_PREFIX.length()), Change.CONFIG);
        }
        if (key.startsWith(TARGET_STATE_PREFIX)) {
            return key(key.substring(TARGET_STATE_PREFIX.length()), Change.STATE);
        }
        if (key.startsWith(TASK_COUNT_PREFIX)) {
            return key(key.substring(TASK_COUNT_PREFIX.length()), Change.STATE);
        }
        if (key.startsWith(TASK_PREFIX)) {
            return key(withoutTaskNumber(key.substring(TASK_PREFIX.length())), Change.STATE);
        }
        if (key.startsWith(COMMIT_TASKS_PREFIX)) {
            return key(key.substring(COMMIT_TASKS_PREFIX.length()), Change.STATE);
        }
        if (key.startsWith(RESTART_PREFIX)) {
            return key(key.substring(RESTART_PREFIX.length()), Change.STATE);
        }
        return null;
    }

    /** A status topic key, or {@code null} for a topic-usage record ({@code status-topic-…}) or an unknown key. */
    static Key ofStatusRecord(String key) {
        if (key == null) {
            return null;
        }
        if (key.startsWith(STATUS_CONNECTOR_PREFIX)) {
            return key(key.substring(STATUS_CONNECTOR_PREFIX.length()), Change.STATE);
        }
        if (key.startsWith(STATUS_TASK_PREFIX)) {
            return key(withoutTaskNumber(key.substring(STATUS_TASK_PREFIX.length())), Change.STATE);
        }
        return null;
    }

    /**
     * A topic-usage key of the status topic (KIP-558), or {@code null} for any other key, or one whose topic is not a
     * legal Kafka topic name (never written by Connect; refused rather than passed on). A topic name cannot contain
     * {@code ':'} and a connector name can, so the key splits at its first {@code ':'}, as Connect's
     * {@code KafkaStatusBackingStore} splits it.
     */
    static TopicUsage ofTopicRecord(String key) {
        if (key == null || !key.startsWith(STATUS_TOPIC_PREFIX)) {
            return null;
        }
        int colon = key.indexOf(':', STATUS_TOPIC_PREFIX.length());
        if (colon < 0 || !key.startsWith(TOPIC_SEPARATOR, colon)) {
            return null;
        }
        String topic = key.substring(STATUS_TOPIC_PREFIX.length(), colon);
        String connector = key.substring(colon + TOPIC_SEPARATOR.length());
        if (connector.isEmpty() || !TopicNames.isLegal(topic)) {
            return null;
        }
        return new TopicUsage(topic, connector);
    }

    /** {@code <name>-<n>} → {@code <name>} (a connector name may itself contain '-'); {@code null} if malformed. */
    private static String withoutTaskNumber(String nameAndTask) {
        int dash = nameAndTask.lastIndexOf('-');
        if (dash <= 0 || dash == nameAndTask.length() - 1) {
            return null;
        }
        for (int i = dash + 1; i < nameAndTask.length(); i++) {
            if (!Character.isDigit(nameAndTask.charAt(i))) {
                return null;
            }
        }
        return nameAndTask.substring(0, dash);
    }

    private static Key key(String connector, Change change) {
        return connector == null || connector.isEmpty() ? null : new Key(connector, change);
    }
}

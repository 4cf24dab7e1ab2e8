package io.connectusm.extension;

import org.apache.kafka.connect.storage.KafkaConfigBackingStore;
import org.apache.kafka.connect.storage.KafkaStatusBackingStore;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys as Kafka Connect's own backing stores build them (their public key functions and prefixes, so a Kafka
 * that changed them fails here), for connector names made to confuse a parser: dashes, digits, "task-" or
 * "connector-" inside the name, a trailing "-7", colons, spaces, non-ASCII — a fixed list and 500 generated ones
 * (seeded).
 */
class InternalTopicKeysTest {

    private static final String ALPHABET = "abc-_.:0123456789 é";

    private static List<String> names() {
        List<String> names = new ArrayList<>(List.of("task-1", "connector-x", "a-0", "-", "--1", "status-task-a-1",
                "commit-", "tasks-fencing-b", "x:connector-y", "7", "my-connector-12", "connector-", "target-state-z"));
        Random random = new Random(18);
        for (int i = 0; i < 500; i++) {
            StringBuilder name = new StringBuilder();
            for (int length = 1 + random.nextInt(20); name.length() < length; ) {
                name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            names.add(name.toString());
        }
        return names;
    }

    @Test
    void aConnectorConfigKeyNamesItsConnectorAndTheConfig() {
        for (String name : names()) {
            InternalTopicKeys.Key key = InternalTopicKeys.ofConfigRecord(KafkaConfigBackingStore.CONNECTOR_KEY(name));
            assertThat(key.connector()).as(name).isEqualTo(name);
            assertThat(key.change()).isEqualTo(InternalTopicKeys.Change.CONFIG);
        }
    }

    @Test
    void everyOtherConfigKeyOfAConnectorIsAStateHint() {
        Random random = new Random(7);
        for (String name : names()) {
            int task = random.nextInt(1000);
            for (String written : new String[] {KafkaConfigBackingStore.TARGET_STATE_KEY(name),
                    KafkaConfigBackingStore.TASK_KEY(new ConnectorTaskId(name, task)),
                    KafkaConfigBackingStore.COMMIT_TASKS_KEY(name), KafkaConfigBackingStore.TASK_COUNT_RECORD_KEY(name),
                    KafkaConfigBackingStore.RESTART_KEY(name)}) {
                InternalTopicKeys.Key key = InternalTopicKeys.ofConfigRecord(written);
                assertThat(key).as(written).isNotNull();
                assertThat(key.connector()).as(written).isEqualTo(name);
                assertThat(key.change()).as(written).isEqualTo(InternalTopicKeys.Change.STATE);
            }
        }
    }

    @Test
    void statusKeysNameTheirConnector() {
        Random random = new Random(9);
        for (String name : names()) {
            InternalTopicKeys.Key connector = InternalTopicKeys.ofStatusRecord(
                    KafkaStatusBackingStore.CONNECTOR_STATUS_PREFIX + name);
            InternalTopicKeys.Key ofTask = InternalTopicKeys.ofStatusRecord(
                    KafkaStatusBackingStore.TASK_STATUS_PREFIX + name + "-" + random.nextInt(1000));
            assertThat(connector.connector()).as(name).isEqualTo(name);
            assertThat(ofTask.connector()).as(name).isEqualTo(name);
            assertThat(ofTask.change()).isEqualTo(InternalTopicKeys.Change.STATE);
        }
    }

    @Test
    void topicUsageRecordsAreNoHint() {
        List<String> names = names();
        for (int i = 0; i < names.size(); i++) {
            String key = KafkaStatusBackingStore.TOPIC_STATUS_PREFIX + names.get(names.size() - 1 - i)
                    + KafkaStatusBackingStore.TOPIC_STATUS_SEPARATOR + names.get(i);
            assertThat(InternalTopicKeys.ofStatusRecord(key)).as(key).isNull();
        }
    }

    @Test
    void topicUsageKeysNameTheTopicAndTheConnectorWhateverTheConnectorIsCalled() {
        List<String> topics = List.of("orders", "a.b", "a-b", "a_b", "...", "-", "connector-x", "status-topic-y",
                "connector-", "x".repeat(249), "ORDERS.v2_eu-1");
        List<String> names = names();
        names.addAll(List.of(":connector-", "a:connector-b", "::", ":", "orders:connector-orders", "connector-:connector-"));
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String topic = topics.get(i % topics.size());
            String key = KafkaStatusBackingStore.TOPIC_STATUS_PREFIX + topic
                    + KafkaStatusBackingStore.TOPIC_STATUS_SEPARATOR + name;
            InternalTopicKeys.TopicUsage usage = InternalTopicKeys.ofTopicRecord(key);
            assertThat(usage).as(key).isNotNull();
            assertThat(usage.topic()).as(key).isEqualTo(topic);
            assertThat(usage.connector()).as(key).isEqualTo(name);
        }
    }

    @Test
    void topicUsageKeysConnectCannotHaveWrittenAreIgnored() {
        for (String key : new String[] {"status-topic-", "status-topic-orders", "status-topic-:connector-a",
                "status-topic-orders:connector-", "status-topic-orders:conn-a", "status-topic-orders-connector-a",
                "status-topic-a b:connector-x", "status-topic-caf\u00e9:connector-x", "status-topic-.:connector-x",
                "status-topic-..:connector-x", "status-topic-" + "x".repeat(250) + ":connector-x",
                "status-topic-a/b:connector-x", "status-connector-a", "status-task-a-1", "connector-a",
                "topic-a:connector-b", null}) {
            assertThat(InternalTopicKeys.ofTopicRecord(key)).as(key).isNull();
        }
    }

    @Test
    void keysAboutNoConnectorAreIgnored() {
        assertThat(InternalTopicKeys.ofConfigRecord(KafkaConfigBackingStore.SESSION_KEY_KEY)).isNull();
        assertThat(InternalTopicKeys.ofConfigRecord(KafkaConfigBackingStore.LOGGER_CLUSTER_KEY("org.apache"))).isNull();
        assertThat(InternalTopicKeys.ofConfigRecord(null)).isNull();
        assertThat(InternalTopicKeys.ofConfigRecord("connector-")).isNull();
        assertThat(InternalTopicKeys.ofConfigRecord("something-else")).isNull();
        assertThat(InternalTopicKeys.ofStatusRecord("status-task-noNumber")).isNull();
        assertThat(InternalTopicKeys.ofStatusRecord("status-task-a-")).isNull();
        assertThat(InternalTopicKeys.ofStatusRecord(null)).isNull();
    }
}

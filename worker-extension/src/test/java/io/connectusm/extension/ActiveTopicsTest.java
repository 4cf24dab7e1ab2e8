package io.connectusm.extension;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each connector's set of active topics from topic-usage records in any order, with repeats and resets: what changes
 * it and what does not, unknown before the status topic is read and after the feed stopped, shared topic names.
 */
class ActiveTopicsTest {

    private static InternalTopicKeys.TopicUsage usage(String topic, String connector) {
        return InternalTopicKeys.ofTopicRecord("status-topic-" + topic + ":connector-" + connector);
    }

    @Test
    void unknownUntilLoadedThenEmptyForAConnectorWithoutRecords() {
        ActiveTopics topics = new ActiveTopics();
        topics.record(usage("orders", "sink"), true);

        assertThat(topics.of("sink")).isNull();
        topics.loaded();
        assertThat(topics.of("sink")).containsExactly("orders");
        assertThat(topics.of("never-used-one")).isEmpty();
    }

    @Test
    void onlyANewTopicOrAResetOfAKnownOneIsAChange() {
        ActiveTopics topics = new ActiveTopics();
        topics.loaded();

        assertThat(topics.record(usage("b", "src"), true)).isTrue();
        assertThat(topics.record(usage("a", "src"), true)).isTrue();
        assertThat(topics.record(usage("b", "src"), true)).as("a second task reporting the same topic").isFalse();
        assertThat(topics.of("src")).containsExactly("a", "b");
        assertThat(topics.record(usage("c", "src"), false)).as("a reset of a topic never used").isFalse();
        assertThat(topics.record(usage("a", "src"), false)).isTrue();
        assertThat(topics.of("src")).containsExactly("b");
        assertThat(topics.record(usage("b", "src"), false)).isTrue();
        assertThat(topics.of("src")).isEmpty();
        assertThat(topics.record(usage("b", "src"), false)).isFalse();
    }

    @Test
    void connectorsWhoseNamesContainTheSeparatorAreKeptApart() {
        ActiveTopics topics = new ActiveTopics();
        topics.loaded();
        topics.record(usage("t", "a"), true);
        topics.record(usage("t", "a:connector-b"), true);
        topics.record(usage("u", "a:connector-b"), true);

        assertThat(topics.of("a")).containsExactly("t");
        assertThat(topics.of("a:connector-b")).containsExactly("t", "u");
        assertThat(topics.of("b")).isEmpty();
    }

    @Test
    void readingAllocatesNothingAndTopicNamesAreSharedBetweenConnectors() {
        ActiveTopics topics = new ActiveTopics();
        topics.loaded();
        topics.record(usage(new String("orders"), "one"), true);
        topics.record(usage(new String("orders"), "two"), true);

        List<String> first = topics.of("one");
        assertThat(topics.of("one")).isSameAs(first);
        assertThat(topics.of("two").get(0)).isSameAs(first.get(0));
        assertThat(topics.of("none")).isSameAs(topics.of("other-none"));
    }

    @Test
    void unknownForGoodOnceTheFeedStopped() {
        ActiveTopics topics = new ActiveTopics();
        topics.loaded();
        topics.record(usage("orders", "sink"), true);
        topics.stopTracking();

        assertThat(topics.of("sink")).isNull();
    }
}

package io.connectusm.extension;

import io.connectusm.testkit.LogCapture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A feed that cannot run says so once and lets the reconcile loop poll instead. (The feed reading a real worker's
 * topics is covered end to end by {@link ChangeFeedClusterTest}.)
 */
class InternalTopicsFeedTest {

    @Test
    void aFeedWhoseConsumerCannotBeBuiltFailsOnceWithoutQuotingTheSettings() throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:1");
        props.put("group.id", "connect-cluster");
        props.put("config.storage.topic", "connect-configs");
        props.put("status.storage.topic", "connect-status");
        props.put("security.protocol", "NOT_A_PROTOCOL");
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"connect\" password=\"feed-secret-canary\";");
        FeedSettings settings = FeedSettings.fromWorkerProps(props);
        try (LogCapture logs = new LogCapture()) {
            InternalTopicsFeed feed = new InternalTopicsFeed(settings, new ConnectorChanges(), "feed-test");
            feed.start();
            assertThat(feed.awaitInitialConfigs(Duration.ofSeconds(30))).isNull();
            assertThat(feed.failed()).isTrue();
            feed.close();
            assertThat(logs.lines()).filteredOn(line -> line.startsWith("WARN " + InternalTopicsFeed.class.getName()))
                    .singleElement().asString().contains("connect-configs", "polling");
            assertThat(logs.text()).doesNotContain("feed-secret-canary");
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("feed-test"));
    }
}

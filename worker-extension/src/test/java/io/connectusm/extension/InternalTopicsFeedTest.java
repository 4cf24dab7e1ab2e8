package io.connectusm.extension;

import io.connectusm.testkit.LogCapture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A feed that cannot run says so once and lets the reconcile loop poll instead. (The feed reading a real worker's
 * topics is covered end to end by {@link ChangeFeedClusterIT}.)
 */
class InternalTopicsFeedTest {

    @Test
    void aFeedWhoseConsumerCannotBeBuiltFailsOnceWithoutQuotingTheSettings() throws Exception {
        Map<String, Object> props = FeedSettingsTest.workerProps();
        props.put("bootstrap.servers", "localhost:1");
        props.put("security.protocol", "NOT_A_PROTOCOL");
        FeedSettings settings = FeedSettings.fromWorkerProps(props);
        try (LogCapture logs = new LogCapture()) {
            InternalTopicsFeed feed = new InternalTopicsFeed(settings, new ConnectorChanges(), null, "feed-test");
            feed.start();
            assertThat(feed.awaitInitialConfigs(Duration.ofSeconds(30))).isNull();
            assertThat(feed.failed()).isTrue();
            feed.close();
            assertThat(logs.lines()).filteredOn(line -> line.startsWith("WARN " + InternalTopicsFeed.class.getName()))
                    .singleElement().asString().contains("connect-configs", "polling");
            assertThat(logs.text()).doesNotContain("sasl-secret-canary", "truststore-secret-canary");
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("feed-test"));
    }
}

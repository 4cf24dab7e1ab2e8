package io.connectusm.extension;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The feed's consumer settings are the worker's own connection settings, never its group, reporters or IDs. */
class FeedSettingsTest {

    /** A distributed worker's properties with SASL_SSL to the brokers (canaries in the secrets). */
    static Map<String, Object> workerProps() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "broker-1:9093,broker-2:9093");
        props.put("group.id", "connect-cluster");
        props.put("client.id", "the-workers-own");
        props.put("config.storage.topic", "connect-configs");
        props.put("status.storage.topic", "connect-status");
        props.put("offset.storage.topic", "connect-offsets");
        props.put("security.protocol", "SASL_SSL");
        props.put("sasl.mechanism", "PLAIN");
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"connect\" password=\"sasl-secret-canary\";");
        props.put("ssl.truststore.location", "/etc/kafka/truststore.p12");
        props.put("ssl.truststore.password", "truststore-secret-canary");
        props.put("metric.reporters", "io.confluent.telemetry.reporter.TelemetryReporter");
        props.put("interceptor.classes", "com.example.Interceptor");
        props.put("group.instance.id", "worker-1");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("rest.extension.classes", MetadataEventsRestExtension.class.getName());
        props.put(MetadataEventsConfig.SSL_KEYSTORE_PASSWORD_CONFIG, "extension-secret-canary");
        return props;
    }

    @Test
    void inheritsTheWorkersConnectionAndSecuritySettings() {
        Map<String, Object> consumer = FeedSettings.fromWorkerProps(workerProps()).consumerProperties();
        assertThat(consumer).containsEntry("bootstrap.servers", "broker-1:9093,broker-2:9093")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                .containsKey("sasl.jaas.config").containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                .containsEntry("ssl.truststore.password", "truststore-secret-canary");
    }

    @Test
    void joinsNoGroupAndTakesNothingOfTheWorkersIdentityOrReporters() {
        Map<String, Object> consumer = FeedSettings.fromWorkerProps(workerProps()).consumerProperties();
        assertThat(consumer).doesNotContainKeys("group.id", "group.instance.id", "metric.reporters",
                "interceptor.classes", "key.converter", "config.storage.topic", "rest.extension.classes",
                MetadataEventsConfig.SSL_KEYSTORE_PASSWORD_CONFIG);
        assertThat((String) consumer.get("client.id")).startsWith("connect-usm-metadata-events-feed-connect-cluster-")
                .isNotEqualTo(FeedSettings.fromWorkerProps(workerProps()).consumerProperties().get("client.id"));
        assertThat(consumer).containsEntry("enable.auto.commit", "false")
                .containsEntry("isolation.level", "read_committed").containsEntry("fetch.max.wait.ms", "15000");
    }

    @Test
    void waitsLessThanTheRequestTimeoutTheWorkerSet() {
        Map<String, Object> props = workerProps();
        props.put("request.timeout.ms", "4000");
        assertThat(FeedSettings.fromWorkerProps(props).consumerProperties()).containsEntry("fetch.max.wait.ms", "2000");
    }

    @Test
    void tracksTopicsUnlessTheWorkerTurnedTopicTrackingOff() {
        assertThat(FeedSettings.fromWorkerProps(workerProps()).tracksTopics()).as("the worker's default").isTrue();
        for (Object off : new Object[] {"false", "FALSE", " false ", Boolean.FALSE}) {
            Map<String, Object> props = workerProps();
            props.put("topic.tracking.enable", off);
            assertThat(FeedSettings.fromWorkerProps(props).tracksTopics()).as("%s", off).isFalse();
        }
        Map<String, Object> on = workerProps();
        on.put("topic.tracking.enable", Boolean.TRUE);
        assertThat(FeedSettings.fromWorkerProps(on).tracksTopics()).isTrue();
        assertThat(FeedSettings.fromWorkerProps(on).consumerProperties()).doesNotContainKey("topic.tracking.enable");
    }

    @Test
    void aWorkerWithoutConfigAndStatusTopicsHasNoFeed() {
        Map<String, Object> standalone = workerProps();
        standalone.remove("config.storage.topic");
        assertThat(FeedSettings.fromWorkerProps(standalone)).isNull();
        Map<String, Object> blank = workerProps();
        blank.put("status.storage.topic", " ");
        assertThat(FeedSettings.fromWorkerProps(blank)).isNull();
    }

    @Test
    void saysWhichTopicsButNoSetting() {
        String shown = FeedSettings.fromWorkerProps(workerProps()).toString();
        assertThat(shown).contains("connect-configs", "connect-status").doesNotContain("canary", "broker-1");
    }
}

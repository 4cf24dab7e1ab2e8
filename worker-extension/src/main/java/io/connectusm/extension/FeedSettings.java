package io.connectusm.extension;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@link InternalTopicsFeed} needs from the worker's own properties: the names of its config and status topics
 * ({@code config.storage.topic}, {@code status.storage.topic}; a standalone worker has none, and gets no feed) and the
 * consumer settings to read them with — those of the worker's own internal-topic consumers, which Connect builds
 * from the worker's top-level properties (bootstrap servers, security, SSL, SASL), minus what must be ours: no group
 * (the partitions are assigned, nothing is committed), our client ID, no metric reporters or interceptors of the
 * worker's, and long fetch waits, so an idle feed asks the broker once every {@value #IDLE_FETCH_WAIT_MS} ms while
 * a new record is still delivered at once.
 *
 * <p>The worker hands {@code configure()} its properties with {@code ${…}} references resolved, so the consumer
 * settings may hold secrets ({@code sasl.jaas.config}, key store passwords): {@link #toString()} names only the
 * topics. Immutable.
 */
final class FeedSettings {

    static final String CONFIG_TOPIC_CONFIG = "config.storage.topic";
    static final String STATUS_TOPIC_CONFIG = "status.storage.topic";
    /** The worker's switch for KIP-558 topic tracking ({@code WorkerConfig.TOPIC_TRACKING_ENABLE_CONFIG}). */
    static final String TOPIC_TRACKING_CONFIG = "topic.tracking.enable";
    /**
     * The broker holds an idle fetch this long (or until a record arrives, which it answers at once), so an idle feed
     * costs one fetch round trip per 15 s: at 5 s it was ~4 KB/s of allocation (request, response and its parsing
     * for six partitions), a visible part of what the extension costs an idle worker.
     */
    static final long IDLE_FETCH_WAIT_MS = 15_000;

    /** Worker keys that must not reach our consumer: it joins no group and reports no metrics of the worker's. */
    private static final Set<String> NOT_INHERITED = Set.of(
            ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, ConsumerConfig.CLIENT_ID_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, ConsumerConfig.METRIC_REPORTER_CLASSES_CONFIG,
            ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
            ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "group.protocol", "group.remote.assignor");
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String configTopic;
    private final String statusTopic;
    private final Map<String, Object> consumerProperties;
    private final boolean tracksTopics;

    private FeedSettings(String configTopic, String statusTopic, Map<String, Object> consumerProperties,
                         boolean tracksTopics) {
        this.configTopic = configTopic;
        this.statusTopic = statusTopic;
        this.tracksTopics = tracksTopics;
        this.consumerProperties = Map.copyOf(consumerProperties);
    }

    /** The feed's settings, or {@code null} when the worker has no config and status topics (standalone). */
    static FeedSettings fromWorkerProps(Map<String, ?> workerProps) {
        String configTopic = string(workerProps.get(CONFIG_TOPIC_CONFIG));
        String statusTopic = string(workerProps.get(STATUS_TOPIC_CONFIG));
        if (configTopic == null || statusTopic == null) {
            return null;
        }
        Set<String> consumerKeys = ConsumerConfig.configNames();
        Map<String, Object> consumer = new HashMap<>();
        workerProps.forEach((key, value) -> {
            if (value != null && consumerKeys.contains(key) && !NOT_INHERITED.contains(key)) {
                consumer.put(key, value);
            }
        });
        String group = string(workerProps.get(ConsumerConfig.GROUP_ID_CONFIG));
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, ReconcileLoop.THREAD_NAME + "-feed-"
                + (group == null ? "" : group + "-") + INSTANCES.incrementAndGet());
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // The feed waits for the worker to create its internal topics; asking for their partitions must never
        // create one first with the broker's defaults (cleanup.policy=delete), which makes the worker's herder
        // refuse the config topic and exit.
        consumer.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // A config record of an aborted transaction (exactly-once source support) is not a config: skip it, as
        // the worker's own config consumer does.
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(fetchWait(consumer)));
        // As the worker's ConfigDef parses a boolean: default true, "false" in any case turns it off.
        String tracking = string(workerProps.get(TOPIC_TRACKING_CONFIG));
        return new FeedSettings(configTopic, statusTopic, consumer, tracking == null || !tracking.equalsIgnoreCase("false"));
    }

    /** Below the request timeout, whatever the worker set it to. */
    private static long fetchWait(Map<String, Object> consumer) {
        Object timeout = consumer.get(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG);
        try {
            long requestTimeout = timeout == null ? 30_000 : Long.parseLong(timeout.toString().trim());
            return Math.max(500, Math.min(IDLE_FETCH_WAIT_MS, requestTimeout / 2));
        } catch (NumberFormatException e) {
            return IDLE_FETCH_WAIT_MS; // the worker itself would not have started with it
        }
    }

    private static String string(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    String configTopic() {
        return configTopic;
    }

    String statusTopic() {
        return statusTopic;
    }

    /** Whether the worker records its connectors' active topics in the status topic ({@code topic.tracking.enable}). */
    boolean tracksTopics() {
        return tracksTopics;
    }

    /** A copy: the consumer may keep what it is given. Holds secrets: never log it. */
    Map<String, Object> consumerProperties() {
        return new HashMap<>(consumerProperties);
    }

    @Override
    public String toString() {
        return "config topic " + configTopic + ", status topic " + statusTopic;
    }
}

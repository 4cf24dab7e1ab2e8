package io.connectusm.extension;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What changed in the Connect cluster, as it happens, at the cost of one idle fetch every 15 s: a consumer
 * of the worker's config and status topics — the records every worker's herder and status store read themselves —
 * tells which connector each record is about ({@link InternalTopicKeys}). A connector's config comes with its record
 * ({@link ConnectorConfigRecord}); everything else is a hint that the connector's state may have changed, which
 * the observer then reads from the status store. So an idle reconcile pass needs no request to the herder's tick
 * thread, and a change made through any worker — a task failure, a config PATCH elsewhere, a rebalance — is known
 * within milliseconds on every worker.
 *
 * <p>At start it reads the config topic from its beginning to its end (as the herder does) for every connector's
 * config ({@link #awaitInitialConfigs}); the status topic is read from its end (the first reconcile pass reads every
 * connector's state itself), or, when the worker tracks topics, from its beginning for the {@code status-topic-…}
 * records of each connector's active topics ({@link ActiveTopics}), the other records before its initial end being
 * skipped. The consumer joins no group and commits nothing.
 *
 * <p>If the feed fails (the worker's settings do not let it read the topics, or the consumer throws), it logs one
 * WARN and stops; {@link #failed()} then tells the reconcile loop to fall back to polling through the herder.
 *
 * <p>Thread-safe. Lifecycle: {@link #start()} once (starts its daemon thread), {@link #close()} once.
 */
final class InternalTopicsFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InternalTopicsFeed.class);

    /**
     * How long one poll waits: long, as the broker answers a fetch as soon as a record arrives and {@link #close()}
     * wakes the consumer; each return of an empty poll is work for nothing.
     */
    private static final Duration POLL = Duration.ofSeconds(30);
    /**
     * Polls while reading the config topic to its end at start: short, because a partition that ends in transaction
     * markers returns no record and the end is checked between polls.
     */
    private static final Duration LOAD_POLL = Duration.ofSeconds(1);
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(1);
    private static final long CLOSE_WAIT_MS = 5_000;

    /** Where the feed's findings go; called on the feed's thread. */
    interface Listener {
        /** A connector's config was written; {@code config} is {@link ConnectorConfigRecord#UNDECODABLE} when unreadable. */
        void configWritten(String connector, Map<String, String> config);

        /** A connector's config was removed (the connector is deleted). */
        void configRemoved(String connector);

        /** A record that may change what the status store shows of this connector. */
        void stateMayHaveChanged(String connector);
    }

    /** Every connector's config at the end of the config topic as it was at start, and when that end was reached. */
    static final class InitialConfigs {
        private final Map<String, Map<String, String>> configs;
        private final Instant readAt;

        InitialConfigs(Map<String, Map<String, String>> configs, Instant readAt) {
            this.configs = configs;
            this.readAt = readAt;
        }

        /** Raw configs by connector (values may be {@link ConnectorConfigRecord#UNDECODABLE}); hold secrets. */
        Map<String, Map<String, String>> configs() {
            return configs;
        }

        Instant readAt() {
            return readAt;
        }
    }

    private final FeedSettings settings;
    private final Listener listener;
    private final ActiveTopics topics;
    /** The status partitions' ends at start, when topics are tracked: records before them are history. */
    private Map<TopicPartition, Long> statusEnd = Map.of();
    private final Thread thread;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile InitialConfigs initial;
    private volatile boolean failed;
    private volatile boolean closing;

    /**
     * @param topics where the topic-usage records of the status topic go, or {@code null} when the worker does not
     *               track topics ({@code topic.tracking.enable=false}): the status topic is then read from its end
     */
    InternalTopicsFeed(FeedSettings settings, Listener listener, ActiveTopics topics, String threadName) {
        this.settings = settings;
        this.listener = listener;
        this.topics = topics;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Waits until the config topic has been read to its initial end, and hands the configs read over (once: the feed
     * keeps none of them). {@code null} when the feed failed, or did not get there within {@code timeout}.
     */
    InitialConfigs awaitInitialConfigs(Duration timeout) throws InterruptedException {
        if (!loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS) || failed) {
            return null;
        }
        InitialConfigs handedOver = initial;
        initial = null;
        return handedOver;
    }

    /** Whether the feed stopped for good: the reconcile loop then polls through the herder. */
    boolean failed() {
        return failed;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(settings.consumerProperties(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = created;
            List<TopicPartition> configPartitions = partitions(created, settings.configTopic());
            List<TopicPartition> statusPartitions = partitions(created, settings.statusTopic());
            if (closing) {
                return;
            }
            List<TopicPartition> all = new ArrayList<>(configPartitions);
            all.addAll(statusPartitions);
            created.assign(all);
            if (topics == null) {
                created.seekToEnd(statusPartitions);
                statusPartitions.forEach(created::position); // fixes the start now: later status records are news
            } else {
                // Topic usage is only in the records (compacted: one per connector and topic), so read them all;
                // the other status records before the end are history, which the first reconcile pass reads itself.
                statusEnd = created.endOffsets(statusPartitions);
                created.seekToBeginning(statusPartitions);
            }
            created.seekToBeginning(configPartitions);
            loadConfigs(created, configPartitions);
            log.debug("Following the worker's {}", settings);
            while (!closing) {
                deliver(created.poll(POLL));
            }
        } catch (WakeupException | InterruptException e) {
            if (!closing) {
                fail(e);
            }
        } catch (RuntimeException | LinkageError e) {
            fail(e);
        } finally {
            consumer = null;
            loaded.countDown();
        }
    }

    /** The topic's partitions, waiting for the worker to have created it. */
    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> created, String topic) {
        while (!closing) {
            List<PartitionInfo> infos = created.partitionsFor(topic);
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> partitions = new ArrayList<>();
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                return partitions;
            }
            try {
                Thread.sleep(TOPIC_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
        }
        return List.of();
    }

    private void loadConfigs(KafkaConsumer<String, byte[]> created, List<TopicPartition> configPartitions) {
        Map<TopicPartition, Long> end = new HashMap<>(created.endOffsets(configPartitions));
        end.putAll(statusEnd);
        Map<String, Map<String, String>> configs = new HashMap<>();
        while (!closing && !reached(created, end)) {
            for (ConsumerRecord<String, byte[]> record : created.poll(LOAD_POLL)) {
                if (!record.topic().equals(settings.configTopic())) {
                    stateRecord(record);
                    continue;
                }
                InternalTopicKeys.Key key = InternalTopicKeys.ofConfigRecord(record.key());
                if (key != null && key.change() == InternalTopicKeys.Change.CONFIG) {
                    Map<String, String> config = ConnectorConfigRecord.decode(record.value());
                    if (config == null) {
                        configs.remove(key.connector());
                    } else {
                        configs.put(key.connector(), config);
                    }
                }
            }
        }
        if (topics != null && !closing) {
            topics.loaded();
        }
        initial = new InitialConfigs(configs, Instant.now());
        loaded.countDown();
    }

    private static boolean reached(KafkaConsumer<String, byte[]> created, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (created.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void deliver(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!record.topic().equals(settings.configTopic())) {
                stateRecord(record);
                continue;
            }
            InternalTopicKeys.Key key = InternalTopicKeys.ofConfigRecord(record.key());
            if (key == null) {
                continue;
            }
            if (key.change() == InternalTopicKeys.Change.STATE) {
                listener.stateMayHaveChanged(key.connector());
                continue;
            }
            Map<String, String> config = ConnectorConfigRecord.decode(record.value());
            if (config == null) {
                listener.configRemoved(key.connector());
            } else {
                listener.configWritten(key.connector(), config);
            }
        }
    }

    private void stateRecord(ConsumerRecord<String, byte[]> record) {
        boolean history = isHistory(record);
        if (topics != null) {
            InternalTopicKeys.TopicUsage usage = InternalTopicKeys.ofTopicRecord(record.key());
            if (usage != null) {
                if (topics.record(usage, record.value() != null) && !history) {
                    listener.stateMayHaveChanged(usage.connector());
                }
                return;
            }
        }
        InternalTopicKeys.Key key = InternalTopicKeys.ofStatusRecord(record.key());
        if (key != null && !history) {
            listener.stateMayHaveChanged(key.connector());
        }
    }

    private boolean isHistory(ConsumerRecord<String, byte[]> record) {
        if (statusEnd.isEmpty()) {
            return false;
        }
        Long end = statusEnd.get(new TopicPartition(record.topic(), record.partition()));
        return end != null && record.offset() < end;
    }

    private void fail(Throwable e) {
        failed = true;
        if (topics != null) {
            topics.stopTracking();
        }
        // The type and Kafka's message (topic, broker, authorization), which never quote a record or a setting's value.
        log.warn("Cannot follow the worker's {} ({}: {}); changes made through other workers are found by polling "
                + "the herder instead, which costs the herder's thread more with many connectors",
                settings, e.getClass().getName(), e.getMessage());
    }

    @Override
    public void close() {
        closing = true;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

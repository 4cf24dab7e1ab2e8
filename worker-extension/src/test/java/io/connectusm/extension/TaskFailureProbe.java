package io.connectusm.extension;

import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * How long a task failure that no REST call sees takes to reach the receiver: a FileStreamSink (1 task, a JSON value
 * converter) is created and left to run, its REST recheck window is left to close, then after a random part of
 * {@code spreadMillis} one record its converter cannot read is produced; measured from the start of producing it
 * to the first snapshot at the receiver with the FAILED task. The sink is deleted afterwards. Benchmark helper.
 */
final class TaskFailureProbe {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final Pattern TASK_RUNNING = Pattern.compile("\"tasks\":\\[\\{\"id\":0,\"state\":\"RUNNING\"");

    private final EmbeddedKafkaCluster kafka;
    private final RecordingHttpsReceiver receiver;
    private final Random random;

    TaskFailureProbe(EmbeddedKafkaCluster kafka, RecordingHttpsReceiver receiver, long seed) {
        this.kafka = kafka;
        this.receiver = receiver;
        this.random = new Random(seed);
    }

    /**
     * Creates sink {@code name} (1 task, a JSON value converter) reading topic {@code <name>-topic}, which it
     * creates; {@link #poison} fails its task.
     */
    static void createFailingSink(EmbeddedKafkaCluster kafka, ConnectWorkerProcess worker, String name)
            throws Exception {
        kafka.createTopic(topicOf(name), 1);
        String body = "{\"name\":\"" + name + "\",\"config\":{"
                + "\"connector.class\":\"org.apache.kafka.connect.file.FileStreamSinkConnector\",\"tasks.max\":\"1\","
                + "\"topics\":\"" + topicOf(name) + "\",\"file\":\"/dev/null\","
                + "\"value.converter\":\"org.apache.kafka.connect.json.JsonConverter\","
                + "\"value.converter.schemas.enable\":\"false\"}}";
        int created = worker.send("POST", "/connectors", body).statusCode();
        if (created != 201) {
            throw new IllegalStateException("creating " + name + " answered " + created);
        }
    }

    /** Produces the record that fails the task of sink {@code name}. */
    static void poison(EmbeddedKafkaCluster kafka, String name) {
        kafka.produce(topicOf(name), "this is not JSON");
    }

    private static String topicOf(String sink) {
        return sink + "-topic";
    }

    /** One failure of a new sink {@code name} through {@code worker}; returns the detection time in ms. */
    long measure(ConnectWorkerProcess worker, String name, long spreadMillis) throws Exception {
        createFailingSink(kafka, worker, name);
        try {
            awaitTaskRunning(worker, name);
            // Past the create's REST recheck window (2 s), then a random point of the schedule.
            Thread.sleep(RecheckWindows.RECHECK_WINDOW_MS + 500 + (long) (random.nextDouble() * spreadMillis));
            Instant produced = Instant.now();
            poison(kafka, name);
            RecordingHttpsReceiver.Arrival failed = receiver.awaitEvent(e -> name.equals(e.subject())
                    && e.payload() instanceof ConnectorSnapshot s
                    && s.tasks().stream().anyMatch(t -> t.state() == ConnectorState.FAILED), DEADLINE,
                    "with the FAILED task of " + name);
            return Duration.between(produced, failed.at()).toMillis();
        } finally {
            worker.send("DELETE", "/connectors/" + name, null);
        }
    }

    private static void awaitTaskRunning(ConnectWorkerProcess worker, String name) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            String status = worker.send("GET", "/connectors/" + name + "/status", null).body();
            if (TASK_RUNNING.matcher(status).find()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the task of " + name + " did not run within " + DEADLINE);
    }
}

package io.connectusm.cli.quickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sample connectors, created over the Connect REST API: a FileStreamSource reading a text file, a
 * MirrorSourceConnector with secrets in PASSWORD-typed properties (to show that they arrive masked), and a
 * FileStreamSink with a transform chain. Then two changes, so that the endpoint's history shows more than creation:
 * the mirror connector is paused and the sink's transform is reconfigured, once the endpoint has seen them run.
 * Re-running reapplies the same configurations (PUT is create-or-update). Stateless.
 */
final class SampleConnectors {

    static final String FILE_SOURCE = "quickstart-file-source";
    static final String MIRROR_SOURCE = "quickstart-mirror-source";
    static final String FILE_SINK = "quickstart-file-sink";
    static final List<String> NAMES = List.of(FILE_SOURCE, MIRROR_SOURCE, FILE_SINK);

    private static final String TOPIC = "quickstart-lines";

    private SampleConnectors() {
    }

    /** Creates the three connectors and waits until each runs. */
    static void create(ConnectRestClient connect, QuickstartLayout layout, String bootstrapServers, Duration timeout,
                       ChildJvm worker) throws IOException, InterruptedException {
        Path input = layout.samples().resolve("input.txt");
        if (!Files.exists(input)) {
            Files.writeString(input, String.join("\n", "hello from usm quickstart",
                    "each line becomes a Kafka record", "append lines to this file to see them flow", ""));
        }
        connect.putConfig(FILE_SOURCE, fileSource(input));
        connect.putConfig(MIRROR_SOURCE, mirrorSource(bootstrapServers));
        connect.putConfig(FILE_SINK, fileSink(layout.samples().resolve("output.txt"), "usm-quickstart"));
        for (String name : NAMES) {
            // A connector keeps its target state across restarts: the mirror is still paused from an earlier run.
            connect.resume(name);
            awaitState(connect, name, "RUNNING", timeout, worker);
        }
    }

    /** Waits until the endpoint shows every sample running: the pipeline works end to end. */
    static void awaitAtEndpoint(EndpointConnectors endpoint, Duration timeout, ChildJvm worker)
            throws InterruptedException {
        Await.until("the sample connectors to be RUNNING at the endpoint", timeout, worker, () -> {
            Map<String, String> states = endpoint.states();
            return NAMES.stream().allMatch(name -> "RUNNING".equals(states.get(name))) ? Optional.of(true)
                    : Optional.empty();
        });
    }

    /** Pauses the mirror connector and reconfigures the sink's transform. */
    static void change(ConnectRestClient connect, QuickstartLayout layout, Duration timeout, ChildJvm worker)
            throws IOException, InterruptedException {
        connect.pause(MIRROR_SOURCE);
        connect.putConfig(FILE_SINK, fileSink(layout.samples().resolve("output.txt"), "usm-quickstart-v2"));
        awaitState(connect, MIRROR_SOURCE, "PAUSED", timeout, worker);
    }

    static Map<String, String> fileSource(Path input) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector");
        c.put("tasks.max", "1");
        c.put("file", input.toString());
        c.put("topic", TOPIC);
        return c;
    }

    static Map<String, String> mirrorSource(String bootstrapServers) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "org.apache.kafka.connect.mirror.MirrorSourceConnector");
        c.put("tasks.max", "1");
        // Mirrors the quickstart cluster into itself: the copy of each topic gets the 'upstream.' prefix.
        c.put("source.cluster.alias", "upstream");
        c.put("target.cluster.alias", "quickstart");
        c.put("source.cluster.bootstrap.servers", bootstrapServers);
        c.put("target.cluster.bootstrap.servers", bootstrapServers);
        c.put("topics", TOPIC);
        c.put("replication.factor", "1");
        c.put("offset-syncs.topic.replication.factor", "1");
        c.put("sync.topic.acls.enabled", "false");
        c.put("refresh.topics.interval.seconds", "10");
        c.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        c.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        // Secrets in PASSWORD-typed properties: the worker extension masks them before anything leaves the worker.
        // (Unused on this PLAINTEXT loopback cluster; on a real one they would hold the upstream's credentials.)
        c.put("ssl.truststore.password", SampleSecrets.TRUSTSTORE_PASSWORD);
        c.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"mirror\" password=\"" + SampleSecrets.JAAS_PASSWORD + "\";");
        return c;
    }

    static Map<String, String> fileSink(Path output, String pipelineTag) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector");
        c.put("tasks.max", "1");
        c.put("topics", TOPIC);
        c.put("file", output.toString());
        c.put("transforms", "wrap,tag");
        c.put("transforms.wrap.type", "org.apache.kafka.connect.transforms.HoistField$Value");
        c.put("transforms.wrap.field", "line");
        c.put("transforms.tag.type", "org.apache.kafka.connect.transforms.InsertField$Value");
        c.put("transforms.tag.static.field", "pipeline");
        c.put("transforms.tag.static.value", pipelineTag);
        return c;
    }

    private static void awaitState(ConnectRestClient connect, String name, String state, Duration timeout,
                                   ChildJvm worker) throws InterruptedException {
        Await.until("connector " + name + " to be " + state, timeout, worker,
                () -> connect.state(name).filter(state::equals).map(s -> s));
    }
}

package io.connectusm.cli.quickstart;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import io.connectusm.cli.output.UsmCliException;

/**
 * The quickstart's Kafka: one KRaft node (broker and controller) in a child JVM, run the way Kafka's own scripts run
 * it: {@code kafka-storage.sh format} ({@code kafka.tools.StorageTool}) once for a new log directory, then
 * {@code kafka-server-start.sh} ({@code kafka.Kafka server.properties}). Ready when it answers a describe-cluster
 * request with the cluster ID it was formatted with, so a foreign broker on the same port is never mistaken for it.
 * Closing stops the JVM.
 */
final class KafkaBroker implements AutoCloseable {

    private static final List<String> HEAP = List.of("-Xms128m", "-Xmx512m");

    private final ChildJvm jvm;
    private final String bootstrapServers;

    private KafkaBroker(ChildJvm jvm, String bootstrapServers) {
        this.jvm = jvm;
        this.bootstrapServers = bootstrapServers;
    }

    static KafkaBroker start(QuickstartLayout layout, KafkaRuntime runtime, JavaCommand java, QuickstartPorts ports,
                             String clusterId, Duration timeout, Components components)
            throws IOException, InterruptedException {
        Files.writeString(layout.kafkaConfig(), QuickstartConfigs.brokerProperties(layout, ports));
        if (!Files.isRegularFile(layout.kafkaData().resolve("meta.properties"))) {
            format(layout, runtime, java, clusterId, timeout, components);
        }
        ChildJvm jvm = components.add(ChildJvm.start("kafka", java, runtime.classpath(), HEAP, "kafka.Kafka",
                List.of(layout.kafkaConfig().toString()), layout));
        String bootstrap = "127.0.0.1:" + ports.kafka();
        // Probe the port first: an admin client against a closed port logs a warning per retry on our console.
        Await.until("the Kafka broker to listen on port " + ports.kafka(), timeout, jvm,
                () -> accepts(ports.kafka()) ? Optional.of(true) : Optional.empty());
        String answered = Await.until("the Kafka broker to answer", timeout, jvm, () -> describeCluster(bootstrap));
        if (!answered.equals(clusterId)) {
            throw new UsmCliException("the Kafka broker on port " + ports.kafka() + " reports cluster ID " + answered
                    + ", not " + clusterId + " of this data directory: pass --kafka-port, or --fresh");
        }
        return new KafkaBroker(jvm, bootstrap);
    }

    private static void format(QuickstartLayout layout, KafkaRuntime runtime, JavaCommand java, String clusterId,
                               Duration timeout, Components components) throws InterruptedException {
        try (ChildJvm formatter = components.add(ChildJvm.start("kafka-storage-format", java, runtime.classpath(),
                HEAP, "kafka.tools.StorageTool",
                List.of("format", "--cluster-id", clusterId, "--config", layout.kafkaConfig().toString()), layout))) {
            Optional<Integer> exit = formatter.waitFor(timeout);
            if (exit.isEmpty() || exit.get() != 0) {
                throw new UsmCliException("formatting the Kafka log directory failed: see " + formatter.logFile());
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<String> describeCluster(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            return Optional.ofNullable(admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000))
                    .clusterId().get(6, TimeUnit.SECONDS));
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    Path logFile() {
        return jvm.logFile();
    }

    @Override
    public void close() {
        jvm.close();
    }
}

package io.connectusm.it;

import io.connectusm.certs.StorePasswordFile;
import io.connectusm.extension.WorkerPki;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the in-process pipeline tests share: the agent's properties (mTLS data plane with the test PKI, loopback
 * listeners on ephemeral ports, the endpoint's agent key read from a file) and the class path of a
 * {@code ConnectDistributed} worker JVM. Stateless.
 */
final class InProcessPipeline {

    private InProcessPipeline() {
    }

    /**
     * The properties of an agent {@code id} that spools in {@code spool} and forwards to the endpoint at
     * {@code endpointPort} (environment {@code environment}) with {@code agentKey}, its secret in
     * {@code secretFile} under {@code secret}.
     */
    static Map<String, String> agentProperties(String id, WorkerPki pki, Path spool, int endpointPort,
                                               String environment, String agentKey, Path secretFile) {
        String storeRef = "${file:" + pki.server().passwordFile() + ":" + StorePasswordFile.KEY + "}";
        Map<String, String> props = new LinkedHashMap<>();
        props.put("agent.id", id);
        props.put("data.listener.host", "127.0.0.1");
        props.put("data.listener.port", "0");
        props.put("control.listener.host", "127.0.0.1");
        props.put("control.listener.port", "0");
        props.put("ssl.keystore.location", pki.server().keystore().toString());
        props.put("ssl.keystore.password", storeRef);
        props.put("ssl.truststore.location", pki.server().truststore().toString());
        props.put("ssl.truststore.password", storeRef);
        props.put("identity.mode", "cluster");
        props.put("spool.dir", spool.toString());
        props.put("endpoint.url", "https://localhost:" + endpointPort);
        props.put("endpoint.environment", environment);
        props.put("endpoint.api.key", agentKey);
        props.put("endpoint.api.secret", "${file:" + secretFile + ":secret}");
        props.put("endpoint.ssl.truststore.location", pki.server().truststore().toString());
        props.put("endpoint.ssl.truststore.password", storeRef);
        props.put("registrations.refresh.interval.ms", "2000");
        return props;
    }

    /** The cluster ID of a started broker, as the endpoint registers it. */
    static String clusterId(org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster kafka) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            return admin.describeCluster().clusterId().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** The test class path without this project's classes: Kafka, connect-file, connect-mirror and their deps. */
    static String workerClasspath() {
        Path repo = Path.of(System.getProperty("repo.dir", "..")).toAbsolutePath().normalize();
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().startsWith(repo))
                .filter(entry -> !entry.contains(File.separator + "io" + File.separator + "connectusm" + File.separator))
                .collect(Collectors.joining(File.pathSeparator));
    }
}

package io.connectusm.extension;

import io.connectusm.testkit.LogCapture;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConfigFingerprint;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;
import io.connectusm.events.TraceMode;
import io.connectusm.extension.masking.ConnectorMasking;
import io.connectusm.extension.masking.MaskedConnectorConfig;
import io.connectusm.secrets.MaskingOptions;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.mirror.MirrorSourceConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000 generated connector configs with random secrets in every sensitive position, each with a failed task whose
 * trace echoes one of them, go through the same masking, codec and sender as in a worker, to the real mTLS receiver;
 * no secret may appear in the bytes received or in any log line, raw or encoded. (A smaller number also goes through
 * a real worker in {@link MetadataEventsClusterIT}, and a fresh corpus through the whole pipeline in
 * integration-tests' {@code MaskingEndToEndIT}.)
 */
class SecretCanaryTest {

    static final int CONFIGS = 1_000;

    @TempDir
    Path dir;

    @Test
    void noSecretOfAThousandGeneratedConfigsReachesTheWireOrTheLogs() throws Exception {
        WorkerPki pki = WorkerPki.create(dir, "canary-cluster");
        Canaries canaries = new Canaries(7);
        Random random = new Random(11);
        List<String> mirrorPasswordKeys = new MirrorSourceConnector().config().configKeys().values().stream()
                .filter(key -> key.type == ConfigDef.Type.PASSWORD).map(key -> key.name).sorted().toList();
        ConnectorMasking masking = new ConnectorMasking(getClass().getClassLoader(), Map.of(),
                MaskingOptions.defaults(), TraceMode.SCRUBBED);
        EventCodec codec = new EventCodec();
        ClusterRef cluster = new ClusterRef("kafka-id", "canary-cluster");

        try (LogCapture logs = new LogCapture();
             RecordingHttpsReceiver receiver = new RecordingHttpsReceiver(pki.serverContext())) {
            Map<String, String> props = new HashMap<>(pki.workerProps(receiver.baseUrl()));
            props.put("group.id", "canary-cluster");
            MetadataEventsConfig config = new MetadataEventsConfig(props);
            int expectedMaskedKeys = 0;
            try (EventSender sender = new EventSender(config.baseUrls(), TlsContextFactory.create(config),
                    Duration.ofSeconds(10), null, null)) {
                List<MetadataEvent> batch = new ArrayList<>();
                for (int i = 0; i < CONFIGS; i++) {
                    Map<String, String> raw = generate(i, random, canaries, mirrorPasswordKeys);
                    MaskedConnectorConfig masked = masking.mask(raw);
                    expectedMaskedKeys += masked.maskedKeys().size();
                    String trace = masked.trace(echoingTrace(raw, random));
                    batch.add(new MetadataEvent(UUID.randomUUID().toString(), cluster, "worker:8083", Instant.EPOCH,
                            i, Instant.now(), "connector-" + i, ConnectorSnapshot.builder()
                                    .name("connector-" + i)
                                    .connectorClass(raw.get("connector.class"))
                                    .connectorType(ConnectorType.SOURCE)
                                    .state(ConnectorState.RUNNING)
                                    .workerId("worker:8083")
                                    .tasks(List.of(new TaskSnapshot(0, ConnectorState.FAILED, "worker:8083", trace)))
                                    .config(masked.config())
                                    .maskedKeys(masked.maskedKeys())
                                    .maskReasons(masked.reasonCodes())
                                    .configFingerprint(ConfigFingerprint.of(masked.config()))
                                    .cause(ChangeCause.CREATED)
                                    .traceMode(masked.traceMode())
                                    .build()));
                    if (batch.size() == 100) {
                        assertThat(sender.send(codec.encodeBatch(batch)).outcome())
                                .isEqualTo(EventSender.Outcome.DELIVERED);
                        batch.clear();
                    }
                }
            }

            // The data did flow: every snapshot arrived, with every masked key.
            List<MetadataEvent> received = receiver.acceptedEvents();
            assertThat(received).hasSize(CONFIGS);
            assertThat(received.stream().mapToInt(e -> ((ConnectorSnapshot) e.payload()).maskedKeys().size()).sum())
                    .isEqualTo(expectedMaskedKeys);
            assertThat(canaries.issued()).hasSizeGreaterThan(CONFIGS * 5);
            assertThat(canaries.leakedInto(receiver.allBytesAsText())).isEmpty();
            assertThat(canaries.leakedInto(logs.text())).isEmpty();
        }
    }

    /**
     * A task's trace echoing one secret of {@code raw} the way Kafka's exceptions do (whole, or the part of a JAAS
     * value after its first quote), in the message and again in a cause.
     */
    private static String echoingTrace(Map<String, String> raw, Random random) {
        List<String> keys = raw.keySet().stream().filter(k -> !k.endsWith(".type") && !k.equals("connector.class")
                && !k.equals("name") && !k.equals("transforms") && !k.equals("predicates")
                && !k.endsWith("converter")).sorted().toList();
        String value = raw.get(keys.get(random.nextInt(keys.size())));
        return "org.apache.kafka.connect.errors.ConnectException: Failed to configure task with " + value + "\n"
                + "\tat org.apache.kafka.connect.runtime.WorkerTask.doStart(WorkerTask.java:175)\n"
                + "Caused by: java.lang.IllegalArgumentException: Value not specified for key '"
                + value.substring(value.indexOf('"') + 1) + "' in JAAS config\n\t... 12 more";
    }

    /** One config with secrets in a random subset of every kind of sensitive position. */
    private static Map<String, String> generate(int i, Random random, Canaries canaries, List<String> mirrorKeys) {
        Map<String, String> config = new HashMap<>();
        switch (i % 3) {
            case 0 -> {
                config.put("connector.class", MirrorSourceConnector.class.getName());
                config.put(mirrorKeys.get(random.nextInt(mirrorKeys.size())), canaries.any());
            }
            case 1 -> config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector");
            default -> config.put("connector.class", "com.example.NotInstalled" + i);
        }
        config.put("name", "connector-" + i);
        config.put("transforms", "sign");
        config.put("transforms.sign.type", SecretHoldingTransform.class.getName());
        config.put("transforms.sign.signing.material", canaries.any());
        config.put("predicates", "p");
        config.put("predicates.p.type", SecretHoldingTransformPredicate.class.getName());
        config.put("predicates.p.signing.material", canaries.any());
        config.put("key.converter", SecretHoldingConverter.class.getName());
        config.put("value.converter", SecretHoldingConverter.class.getName());
        config.put("key.converter.registry.key.material", canaries.any());
        config.put("value.converter.registry.key.material", canaries.any());
        String[] overrides = {"producer.override.", "consumer.override.", "admin.override."};
        String prefix = overrides[random.nextInt(overrides.length)];
        config.put(prefix + "ssl.keystore.password", canaries.any());
        config.put(prefix + "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"u\" password=\"" + canaries.any() + "\";");
        String[] named = {"connection.password", "client.secret", "hmac.secret.key", "auth.token",
            "gcp.credentials.json", "value.converter.basic.auth.user.info", "aws.secret.access.key", "password"};
        config.put(named[random.nextInt(named.length)], canaries.any());
        switch (random.nextInt(4)) {
            case 0 -> config.put("connection.url", "jdbc:postgresql://user:" + canaries.urlSafe() + "@db:5432/x");
            case 1 -> config.put("connection.url", "jdbc:mysql://db/x?user=u&password=" + canaries.urlSafe()
                    + "&ssl=true");
            case 2 -> config.put("connection.url", "jdbc:sqlserver://db;user=sa;password=" + canaries.urlSafe()
                    + ";encrypt=true");
            default -> config.put("mongo.uri", "mongodb://u:" + canaries.urlSafe() + "@m1:27017,m2:27017/db");
        }
        config.put("db.password", "${file:/secrets/db.properties:" + canaries.urlSafe() + "}");
        return config;
    }
}

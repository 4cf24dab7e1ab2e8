package io.connectusm.extension.masking;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ConfigFingerprint;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventLimits;
import io.connectusm.events.TraceMode;
import io.connectusm.extension.SecretHoldingConverter;
import io.connectusm.extension.SecretHoldingTransform;
import io.connectusm.extension.SecretHoldingTransformPredicate;
import io.connectusm.secrets.MaskingOptions;
import io.connectusm.secrets.MaskingPolicy;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.apache.kafka.connect.mirror.MirrorSourceConnector;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.connectusm.events.ConnectorSnapshot.MASKED_VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The extension's masking: the {@code ConfigDef}s of the connector, transform, predicate and converter classes (loaded
 * through the worker's class loader, the worker's default converters included) drive the {@code type} layer; the
 * module's other layers, the operator's settings and the trace modes work through it; every result is a valid
 * snapshot. The module's own corpus tests cover the layers themselves (secret-detection's {@code CorpusTest},
 * {@code ConfigMaskerTest}).
 */
class ConnectorMaskingTest {

    private static final ClassLoader LOADER = ConnectorMaskingTest.class.getClassLoader();

    private final ConnectorMasking masking = new ConnectorMasking(LOADER,
            Map.of("header.converter", SecretHoldingConverter.class.getName()),
            MaskingOptions.builder().sensitiveKeyPatterns(List.of("*.tenant.key")).build(), TraceMode.SCRUBBED);

    private static Map<String, String> fileSource() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", FileStreamSourceConnector.class.getName());
        config.put("file", "/tmp/in.txt");
        config.put("topic", "t");
        return config;
    }

    @Test
    void masksEveryPasswordTypedKeyOfMirrorSourceConnectorByType() {
        Set<String> passwordKeys = new MirrorSourceConnector().config().configKeys().values().stream()
                .filter(key -> key.type == ConfigDef.Type.PASSWORD).map(key -> key.name).collect(Collectors.toSet());
        assertThat(passwordKeys).hasSize(9);
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", MirrorSourceConnector.class.getName());
        passwordKeys.forEach(key -> config.put(key, "mirror-secret-" + key.hashCode()));
        config.put("source.cluster.alias", "a");
        config.put("source.cluster.ssl.keystore.key", "mirror-prefixed-secret");
        config.put("target.producer.sasl.jaas.config", "x required password=\"p\";");

        MaskedConnectorConfig masked = masking.mask(config);

        assertThat(masked.maskedKeys()).containsAll(passwordKeys)
                .contains("source.cluster.ssl.keystore.key", "target.producer.sasl.jaas.config");
        passwordKeys.forEach(key -> assertThat(masked.reasonCodes()).containsEntry(key, "type"));
        assertThat(masked.config()).containsEntry("source.cluster.alias", "a");
        assertValidSnapshot(masked);
    }

    @Test
    void masksPasswordTypedTransformPredicateAndConverterKeysThatOnlyTheirConfigDefsReveal() {
        Map<String, String> config = fileSource();
        config.put("transforms", "sign, other");
        config.put("transforms.sign.type", SecretHoldingTransform.class.getName());
        config.put("transforms.sign.signing.material", "transform-secret");
        config.put("transforms.sign.label", "visible");
        config.put("transforms.other.type", "org.apache.kafka.connect.transforms.InsertField$Value");
        config.put("transforms.other.static.field", "f");
        config.put("predicates", "p");
        config.put("predicates.p.type", SecretHoldingTransformPredicate.class.getName());
        config.put("predicates.p.signing.material", "predicate-secret");
        config.put("value.converter", SecretHoldingConverter.class.getName());
        config.put("value.converter.registry.key.material", "converter-secret");

        MaskedConnectorConfig masked = masking.mask(config);

        assertThat(masked.reasonCodes()).containsOnly(entry("transforms.sign.signing.material", "type"),
                entry("predicates.p.signing.material", "type"), entry("value.converter.registry.key.material", "type"));
        assertThat(masked.config()).containsEntry("transforms.sign.label", "visible")
                .containsEntry("transforms.other.static.field", "f");
        // The same material under a transform whose class does not declare it is an ordinary value.
        Map<String, String> other = fileSource();
        other.put("transforms", "other");
        other.put("transforms.other.type", "org.apache.kafka.connect.transforms.InsertField$Value");
        other.put("transforms.other.signing.material", "not-declared-here");
        assertThat(masking.mask(other).config()).containsEntry("transforms.other.signing.material", "not-declared-here");
    }

    @Test
    void masksConverterKeysByTheWorkersDefaultConverterWhenTheConnectorNamesNone() {
        Map<String, String> config = fileSource();
        config.put("header.converter.registry.key.material", "worker-default-converter-secret");

        assertThat(masking.mask(config).reasonCodes())
                .containsOnly(entry("header.converter.registry.key.material", "type"));
    }

    @Test
    void anUnloadableClassLeavesTheOtherLayers() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "com.example.NotInstalledConnector");
        config.put("db.password", "a-secret");
        config.put("datadog.api.key", "0123456789abcdef");
        config.put("vault.passphrase", "another");
        config.put("connection.url", "jdbc:postgresql://app:Pg-S3cret@db:5432/app");
        config.put("opaque.material", "visible-because-unknown");

        MaskedConnectorConfig masked = masking.mask(config);

        assertThat(masked.reasonCodes()).containsOnly(entry("db.password", "name"), entry("datadog.api.key", "name"),
                entry("vault.passphrase", "name"), entry("connection.url", "url"));
        assertThat(masked.config()).containsEntry("opaque.material", "visible-because-unknown")
                .containsEntry("connection.url", "jdbc:postgresql://app:" + MASKED_VALUE + "@db:5432/app");
        assertThat(masked.maskedKeys()).doesNotContain("connection.url");
        assertValidSnapshot(masked);
    }

    @Test
    void theStrictPolicyMasksWhatNoLoadedConfigDefDeclares() {
        ConnectorMasking strict = new ConnectorMasking(LOADER, Map.of(),
                MaskingOptions.builder().policy(MaskingPolicy.STRICT).build(), TraceMode.SCRUBBED);
        Map<String, String> config = fileSource();
        config.put("vendor.blob", "Xk29-opaque");
        config.put("tasks.max", "1");
        config.put("producer.override.acks", "all");
        config.put("gcs.credentials.path", "/etc/gcs.json");

        MaskedConnectorConfig masked = strict.mask(config);

        assertThat(masked.reasonCodes()).containsOnly(entry("vendor.blob", "policy"));
        assertThat(masked.config()).containsEntry("file", "/tmp/in.txt").containsEntry("topic", "t")
                .containsEntry("tasks.max", "1").containsEntry("producer.override.acks", "all")
                .containsEntry("gcs.credentials.path", "/etc/gcs.json");
    }

    @Test
    void exceptionsLiftNameAndPatternMasksButNeverATypeOne() {
        ConnectorMasking withExceptions = new ConnectorMasking(LOADER, Map.of(), MaskingOptions.builder()
                .sensitiveKeyPatterns(List.of("*.tenant.key"))
                .nonsensitiveKeyPatterns(List.of("auth.header", "acme.tenant.key", "*.ssl.key.password")).build(),
                TraceMode.SCRUBBED);
        Map<String, String> config = fileSource();
        config.put("auth.header", "X-Request-Id");
        config.put("acme.tenant.key", "tenant-7");
        config.put("producer.override.ssl.key.password", "typed-secret");
        config.put("my.tenant.key", "secret-tenant");

        MaskedConnectorConfig masked = withExceptions.mask(config);

        assertThat(masked.reasonCodes()).containsOnly(entry("producer.override.ssl.key.password", "type"),
                entry("my.tenant.key", "pattern"));
        assertThat(masked.config()).containsEntry("auth.header", "X-Request-Id").containsEntry("acme.tenant.key",
                "tenant-7");
    }

    @Test
    void providerReferencesAreValuesLikeAnyOther() {
        Map<String, String> config = fileSource();
        config.put("db.password", "${file:/secrets/db.properties:password}");
        config.put("topic", "${file:/secrets/db.properties:topic}");

        MaskedConnectorConfig masked = masking.mask(config);

        assertThat(masked.config()).containsEntry("db.password", MASKED_VALUE)
                .containsEntry("topic", "${file:/secrets/db.properties:topic}");
    }

    @Test
    void aScrubbedTraceLosesTheConnectorsSecretsTheWorkersSecretsAndEveryDetectedCredential() {
        String workerJaasPassword = "W0rker-Jaas-" + System.nanoTime();
        ConnectorMasking withWorkerSecrets = new ConnectorMasking(LOADER, Map.of(
                "producer.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"connect\" password=\"" + workerJaasPassword + "\";",
                "group.id", "connect-cluster"), MaskingOptions.defaults(), TraceMode.SCRUBBED);
        Map<String, String> config = fileSource();
        config.put("transforms", "sign");
        config.put("transforms.sign.type", SecretHoldingTransform.class.getName());
        config.put("transforms.sign.signing.material", "first-half:second-half-Zq81");
        config.put("connection.url", "jdbc:postgresql://app:Pg-S3cret-77@db:5432/app");
        String token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
        String trace = "org.apache.kafka.connect.errors.ConnectException: signing with first-half:second-half-Zq81 "
                + "failed for jdbc:postgresql://app:Pg-S3cret-77@db:5432/app\n"
                + "\tat io.example.Task.start(Task.java:12)\n"
                + "Caused by: java.lang.IllegalArgumentException: Value not specified for key 'second-half-Zq81' in "
                + "JAAS config\n"
                + "Caused by: org.apache.kafka.common.KafkaException: login failed, password=" + workerJaasPassword + "\n"
                + "Caused by: java.io.IOException: GET https://api.github.com/repos with token " + token + " => 401";

        String scrubbed = withWorkerSecrets.mask(config).trace(trace);

        assertThat(scrubbed).doesNotContain("second-half-Zq81", "first-half", "Pg-S3cret-77", workerJaasPassword,
                token.substring(4)).contains("ConnectException: signing with", "at io.example.Task.start",
                "jdbc:postgresql://app:" + MASKED_VALUE + "@db:5432/app", "Caused by: java.io.IOException");
    }

    @Test
    void theSummaryModeSendsTheFirstLineScrubbedAndNoneSendsNothing() {
        Map<String, String> config = fileSource();
        config.put("db.password", "Summary-S3cret");
        String trace = "org.apache.kafka.connect.errors.ConnectException: login refused for Summary-S3cret\n"
                + "\tat io.example.Task.start(Task.java:12)\nCaused by: java.sql.SQLException: no";

        ConnectorMasking summary = new ConnectorMasking(LOADER, Map.of(), MaskingOptions.defaults(), TraceMode.SUMMARY);
        ConnectorMasking none = new ConnectorMasking(LOADER, Map.of(), MaskingOptions.defaults(), TraceMode.NONE);

        assertThat(summary.mask(config).trace(trace))
                .isEqualTo("org.apache.kafka.connect.errors.ConnectException: login refused for " + MASKED_VALUE);
        assertThat(none.mask(config).trace(trace)).isNull();
        assertThat(masking.mask(config).trace(null)).isNull();
        assertThat(masking.mask(config).trace("")).isNull();
        assertThat(none.mask(config).traceMode()).isEqualTo(TraceMode.NONE);
    }

    @Test
    void aTraceOverTheSizeLimitIsScrubbedBeforeItIsCut() {
        Map<String, String> config = fileSource();
        String secret = "Cut-Here-S3cret-0042";
        config.put("db.password", secret);
        // the secret straddles the limit: cut first, its first half would be left
        String trace = "x".repeat(EventLimits.MAX_STRING_CHARS - secret.length() / 2) + secret + "\ntail";

        String sent = masking.mask(config).trace(trace);

        assertThat(sent).hasSizeLessThanOrEqualTo(EventLimits.MAX_STRING_CHARS).doesNotContain("Cut-Here")
                .contains(MASKED_VALUE);
    }

    @Test
    void loadingPluginsRestoresTheCallersContextClassLoader() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Map<String, String> config = fileSource();
        config.put("transforms", "sign");
        config.put("transforms.sign.type", SecretHoldingTransform.class.getName());

        masking.mask(config);

        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }

    @Test
    void nothingSecretInToString() {
        Map<String, String> config = fileSource();
        config.put("db.password", "ToString-S3cret");

        MaskedConnectorConfig masked = masking.mask(config);

        assertThat(masked.toString()).doesNotContain("ToString-S3cret").contains("db.password");
        assertThat(masking.toString()).doesNotContain("S3cret");
    }

    /** The result satisfies the wire contract: masked keys carry the mask, reasons name config keys rightly. */
    private static void assertValidSnapshot(MaskedConnectorConfig masked) {
        ConnectorSnapshot.builder()
                .name("c")
                .connectorClass("x")
                .connectorType(ConnectorType.SOURCE)
                .state(ConnectorState.RUNNING)
                .config(masked.config())
                .maskedKeys(masked.maskedKeys())
                .maskReasons(masked.reasonCodes())
                .configFingerprint(ConfigFingerprint.of(masked.config()))
                .cause(ChangeCause.CREATED)
                .traceMode(masked.traceMode())
                .build();
    }
}

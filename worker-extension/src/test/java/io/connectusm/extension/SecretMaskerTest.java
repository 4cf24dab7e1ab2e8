package io.connectusm.extension;

import io.connectusm.events.ConnectorSnapshot;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.mirror.MirrorSourceConnector;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.connectusm.events.ConnectorSnapshot.MASKED_VALUE;
import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTest {

    private final SecretMasker masker = new SecretMasker(
            new PasswordKeyResolver(SecretMaskerTest.class.getClassLoader(),
                    Map.of("header.converter", SecretHoldingConverter.class.getName())),
            SensitiveNamePatterns.withDefaultsAnd(List.of("*.tenant.key")));

    private static Map<String, String> fileSource() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector");
        config.put("file", "/tmp/in.txt");
        config.put("topic", "t");
        return config;
    }

    @Test
    void masksEveryPasswordTypedKeyOfMirrorSourceConnector() {
        Set<String> passwordKeys = new MirrorSourceConnector().config().configKeys().values().stream()
                .filter(key -> key.type == ConfigDef.Type.PASSWORD).map(key -> key.name).collect(Collectors.toSet());
        assertThat(passwordKeys).hasSize(9);
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", MirrorSourceConnector.class.getName());
        passwordKeys.forEach(key -> config.put(key, "mirror-secret-" + key.hashCode()));
        config.put("source.cluster.alias", "a");

        SecretMasker.MaskedConfig masked = masker.mask(config);

        assertThat(masked.maskedKeys()).containsAll(passwordKeys);
        passwordKeys.forEach(key -> assertThat(masked.config()).containsEntry(key, MASKED_VALUE));
        assertThat(masked.config()).containsEntry("source.cluster.alias", "a");
    }

    @Test
    void masksPasswordTypedTransformKeyThatNoPatternMatches() {
        Map<String, String> config = fileSource();
        config.put("transforms", "sign, other");
        config.put("transforms.sign.type", SecretHoldingTransform.class.getName());
        config.put("transforms.sign.signing.material", "transform-secret");
        config.put("transforms.sign.label", "visible");
        config.put("transforms.other.type", "org.apache.kafka.connect.transforms.InsertField$Value");
        config.put("transforms.other.static.field", "f");

        SecretMasker.MaskedConfig masked = masker.mask(config);

        assertThat(masked.config()).containsEntry("transforms.sign.signing.material", MASKED_VALUE)
                .containsEntry("transforms.sign.label", "visible")
                .containsEntry("transforms.other.static.field", "f");
        assertThat(masked.maskedKeys()).containsExactly("transforms.sign.signing.material");
    }

    @Test
    void masksPasswordTypedPredicateAndConverterKeys() {
        Map<String, String> config = fileSource();
        config.put("predicates", "p");
        config.put("predicates.p.type", SecretHoldingTransformPredicate.class.getName());
        config.put("predicates.p.signing.material", "predicate-secret");
        config.put("value.converter", SecretHoldingConverter.class.getName());
        config.put("value.converter.registry.key.material", "converter-secret");
        config.put("key.converter", SecretHoldingConverter.class.getName());
        config.put("key.converter.registry.key.material", "key-converter-secret");

        SecretMasker.MaskedConfig masked = masker.mask(config);

        assertThat(masked.maskedKeys()).containsExactlyInAnyOrder("predicates.p.signing.material",
                "value.converter.registry.key.material", "key.converter.registry.key.material");
    }

    @Test
    void masksConverterKeysByTheWorkersDefaultConverterWhenTheConnectorNamesNone() {
        Map<String, String> config = fileSource();
        config.put("header.converter.registry.key.material", "worker-default-converter-secret");

        assertThat(masker.mask(config).maskedKeys()).containsExactly("header.converter.registry.key.material");
    }

    @Test
    void masksClientOverridePasswordsAndJaasConfig() {
        Map<String, String> config = fileSource();
        config.put("producer.override.ssl.key.password", "p1");
        config.put("consumer.override.ssl.truststore.password", "p2");
        config.put("admin.override.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p3\";");
        config.put("producer.override.sasl.jaas.config", "x required password=\"p4\";");
        config.put("producer.override.acks", "all");

        SecretMasker.MaskedConfig masked = masker.mask(config);

        assertThat(masked.maskedKeys()).containsExactlyInAnyOrder("producer.override.ssl.key.password",
                "consumer.override.ssl.truststore.password", "admin.override.sasl.jaas.config",
                "producer.override.sasl.jaas.config");
        assertThat(masked.config()).containsEntry("producer.override.acks", "all");
    }

    @Test
    void masksStringTypedSecretsByName() {
        Map<String, String> config = fileSource();
        config.put("connection.password", "a");
        config.put("aws.secret.access.key", "b");
        config.put("client.secret", "c");
        config.put("hmac.secret.key", "d");
        config.put("auth.token", "e");
        config.put("gcp.credentials.json", "f");
        config.put("value.converter.basic.auth.user.info", "g:h");
        config.put("my.tenant.key", "i");
        config.put("password", "j");

        SecretMasker.MaskedConfig masked = masker.mask(config);

        assertThat(masked.maskedKeys()).containsExactlyInAnyOrder("connection.password", "aws.secret.access.key",
                "client.secret", "hmac.secret.key", "auth.token", "gcp.credentials.json",
                "value.converter.basic.auth.user.info", "my.tenant.key", "password");
        assertThat(masked.config()).containsEntry("file", "/tmp/in.txt");
    }

    @Test
    void unloadableClassFallsBackToNamePatterns() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "com.example.NotInstalledConnector");
        config.put("db.password", "a");
        config.put("opaque.material", "visible-because-unknown");

        SecretMasker.MaskedConfig masked = masker.mask(config);

        assertThat(masked.maskedKeys()).containsExactly("db.password");
        assertThat(masked.config()).containsEntry("opaque.material", "visible-because-unknown");
    }

    @Test
    void providerReferencesOfMaskedKeysAreMaskedToo() {
        Map<String, String> config = fileSource();
        config.put("db.password", "${file:/secrets/db.properties:password}");
        assertThat(masker.mask(config).config()).containsEntry("db.password", MASKED_VALUE);
    }

    @Test
    void stripsPasswordsEmbeddedInUrls() {
        Map<String, String> config = fileSource();
        config.put("connection.url", "jdbc:postgresql://alice:Pg-S3cret@db:5432/app?ssl=true");
        config.put("mongo.uri", "mongodb://bob:Mo/ngo@S3cret@mongo1:27017,mongo2:27017/db");
        config.put("jdbc.sqlserver", "jdbc:sqlserver://db:1433;user=sa;password=Sql-S3cret;encrypt=true");
        config.put("jdbc.mysql", "jdbc:mysql://db/app?user=u&password=My-S3cret&useSSL=true");
        config.put("jdbc.oracle", "jdbc:oracle:thin:scott/Ora-S3cret@db:1521/XE");
        config.put("plain.url", "https://example.com:8443/path");

        SecretMasker.MaskedConfig masked = masker.mask(config);

        assertThat(masked.config().values()).noneMatch(v -> v.contains("S3cret"));
        assertThat(masked.config().get("connection.url"))
                .isEqualTo("jdbc:postgresql://alice:" + MASKED_VALUE + "@db:5432/app?ssl=true");
        assertThat(masked.config().get("jdbc.mysql"))
                .isEqualTo("jdbc:mysql://db/app?user=u&password=" + MASKED_VALUE + "&useSSL=true");
        assertThat(masked.config()).containsEntry("plain.url", "https://example.com:8443/path");
        // A partly stripped value is not "masked": the snapshot's masked keys carry exactly the mask.
        assertThat(masked.maskedKeys()).isEmpty();
        new ConnectorSnapshot("c", "x", io.connectusm.events.ConnectorType.SOURCE,
                io.connectusm.events.ConnectorState.RUNNING, null, null, List.of(), masked.config(),
                masked.maskedKeys(), io.connectusm.events.ConfigFingerprint.of(masked.config()),
                io.connectusm.events.ChangeCause.CREATED);
    }
}

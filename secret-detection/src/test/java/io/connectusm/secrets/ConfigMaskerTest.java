package io.connectusm.secrets;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.mirror.MirrorCheckpointConnector;
import org.apache.kafka.connect.mirror.MirrorHeartbeatConnector;
import org.apache.kafka.connect.mirror.MirrorSourceConnector;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.connectusm.secrets.ConfigMasker.MASKED_VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The masker's layers and reasons, including every case of the worker extension's former {@code SecretMaskerTest}
 * (each now masked for a stated reason, several by more than a name pattern).
 */
class ConfigMaskerTest {

    private final ConfigMasker masker = new ConfigMasker(MaskingOptions.builder()
            .sensitiveKeyPatterns(List.of("*.tenant.key")).build());

    private static Map<String, String> fileSource() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector");
        config.put("file", "/tmp/in.txt");
        config.put("topic", "t");
        return config;
    }

    private static Set<String> passwordKeys(ConfigDef def) {
        return def.configKeys().values().stream().filter(k -> k.type == ConfigDef.Type.PASSWORD).map(k -> k.name)
                .collect(Collectors.toSet());
    }

    @Test
    void masksEveryPasswordTypedKeyOfMirrorSourceConnectorByType() {
        ConfigDef def = new MirrorSourceConnector().config();
        Set<String> passwordKeys = passwordKeys(def);
        assertThat(passwordKeys).hasSize(9);
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", MirrorSourceConnector.class.getName());
        passwordKeys.forEach(key -> config.put(key, "mirror-secret-" + key.hashCode()));
        config.put("source.cluster.alias", "a");

        MaskedConfig masked = masker.mask(config, ConfigDefKeys.addTo(DeclaredKeys.builder(), "", def).build());

        passwordKeys.forEach(key -> assertThat(masked.reasons()).containsEntry(key, MaskReason.TYPE));
        assertThat(masked.maskedKeys()).containsExactlyInAnyOrderElementsOf(passwordKeys);
        assertThat(masked.config()).containsEntry("source.cluster.alias", "a");
    }

    @Test
    void everyMirrorMakerPasswordKeyIsTypedUnderEveryMirrorMakerPrefixWithoutLoadingAnything() {
        Set<String> passwordKeys = new TreeSet<>();
        passwordKeys.addAll(passwordKeys(new MirrorSourceConnector().config()));
        passwordKeys.addAll(passwordKeys(new MirrorCheckpointConnector().config()));
        passwordKeys.addAll(passwordKeys(new MirrorHeartbeatConnector().config()));
        Map<String, String> config = new HashMap<>();
        for (String prefix : List.of("", "source.cluster.", "target.cluster.", "source.consumer.", "source.producer.",
                "source.admin.", "target.consumer.", "target.producer.", "target.admin.", "producer.override.",
                "consumer.override.", "admin.override.")) {
            passwordKeys.forEach(key -> config.put(prefix + key, "s-" + prefix + key));
        }
        MaskedConfig masked = masker.mask(config, DeclaredKeys.none());
        assertThat(masked.reasons()).hasSize(config.size()).allSatisfy((k, r) -> assertThat(r).isEqualTo(MaskReason.TYPE));
    }

    @Test
    void masksPasswordTypedTransformPredicateAndConverterKeysThatNoNameGives() {
        Map<String, String> config = fileSource();
        config.put("transforms", "sign, other");
        config.put("transforms.sign.type", "com.example.Sign");
        config.put("transforms.sign.signing.material", "transform-secret");
        config.put("transforms.sign.label", "visible");
        config.put("transforms.other.static.field", "f");
        config.put("predicates.p.signing.material", "predicate-secret");
        config.put("value.converter.registry.key.material", "converter-secret");
        DeclaredKeys declared = DeclaredKeys.builder()
                .passwordKeys("transforms.sign.", List.of("signing.material"))
                .declaredKeys("transforms.sign.", List.of("label"))
                .passwordKeys("predicates.p.", List.of("signing.material"))
                .passwordKeys("value.converter.", List.of("registry.key.material"))
                .build();

        MaskedConfig masked = masker.mask(config, declared);

        assertThat(masked.reasons()).containsOnly(entry("transforms.sign.signing.material", MaskReason.TYPE),
                entry("predicates.p.signing.material", MaskReason.TYPE),
                entry("value.converter.registry.key.material", MaskReason.TYPE));
        assertThat(masked.config()).containsEntry("transforms.sign.label", "visible")
                .containsEntry("transforms.other.static.field", "f");
    }

    @Test
    void masksClientOverridePasswordsAndJaasConfigByType() {
        Map<String, String> config = fileSource();
        config.put("producer.override.ssl.key.password", "p1");
        config.put("consumer.override.ssl.truststore.password", "p2");
        config.put("admin.override.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p3\";");
        config.put("producer.override.sasl.jaas.config", "x required password=\"p4\";");
        config.put("producer.override.acks", "all");

        MaskedConfig masked = masker.mask(config, DeclaredKeys.none());

        assertThat(masked.reasons()).containsOnly(entry("producer.override.ssl.key.password", MaskReason.TYPE),
                entry("consumer.override.ssl.truststore.password", MaskReason.TYPE),
                entry("admin.override.sasl.jaas.config", MaskReason.TYPE),
                entry("producer.override.sasl.jaas.config", MaskReason.TYPE));
        assertThat(masked.config()).containsEntry("producer.override.acks", "all");
    }

    @Test
    void masksStringTypedSecretsByNameTypeOrPattern() {
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

        MaskedConfig masked = masker.mask(config, DeclaredKeys.none());

        assertThat(masked.reasons()).containsOnly(entry("connection.password", MaskReason.NAME),
                entry("aws.secret.access.key", MaskReason.NAME), entry("client.secret", MaskReason.NAME),
                entry("hmac.secret.key", MaskReason.NAME), entry("auth.token", MaskReason.NAME),
                entry("gcp.credentials.json", MaskReason.NAME),
                entry("value.converter.basic.auth.user.info", MaskReason.TYPE),
                entry("my.tenant.key", MaskReason.PATTERN), entry("password", MaskReason.NAME));
        assertThat(masked.config()).containsEntry("file", "/tmp/in.txt");
    }

    @Test
    void withNothingLoadedAnInnocentNameStaysVisibleUnlessThePolicyIsStrict() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "com.example.NotInstalledConnector");
        config.put("db.password", "a");
        config.put("opaque.material", "visible-because-unknown");
        config.put("connection.url", "jdbc:postgresql://db/app");

        assertThat(masker.mask(config, DeclaredKeys.none()).reasons()).containsOnly(entry("db.password", MaskReason.NAME));
        MaskedConfig strict = new ConfigMasker(MaskingOptions.builder().policy(MaskingPolicy.STRICT).build())
                .mask(config, DeclaredKeys.none());
        assertThat(strict.reasons()).containsOnly(entry("db.password", MaskReason.NAME),
                entry("opaque.material", MaskReason.POLICY));
        assertThat(strict.config()).containsEntry("connection.url", "jdbc:postgresql://db/app")
                .containsEntry("connector.class", "com.example.NotInstalledConnector");
    }

    @Test
    void providerReferencesOfMaskedKeysAreMaskedToo() {
        Map<String, String> config = fileSource();
        config.put("db.password", "${file:/secrets/db.properties:password}");
        assertThat(masker.mask(config, DeclaredKeys.none()).config()).containsEntry("db.password", MASKED_VALUE);
    }

    @Test
    void cutsPasswordsOutOfUrlsAndKeepsTheRest() {
        Map<String, String> config = fileSource();
        config.put("connection.url", "jdbc:postgresql://alice:Pg-S3cret@db:5432/app?ssl=true");
        config.put("mongo.uri", "mongodb://bob:Mo/ngo@S3cret@mongo1:27017,mongo2:27017/db");
        config.put("jdbc.sqlserver", "jdbc:sqlserver://db:1433;user=sa;password=Sql-S3cret;encrypt=true");
        config.put("jdbc.mysql", "jdbc:mysql://db/app?user=u&password=My-S3cret&useSSL=true");
        config.put("jdbc.oracle", "jdbc:oracle:thin:scott/Ora-S3cret@db:1521/XE");
        config.put("plain.url", "https://example.com:8443/path");
        config.put("scoped.url", "https://registry.example.org:443/@scope/pkg");

        MaskedConfig masked = masker.mask(config, DeclaredKeys.none());

        assertThat(masked.config().values()).noneMatch(v -> v.contains("S3cret"));
        assertThat(masked.config()).containsEntry("connection.url",
                        "jdbc:postgresql://alice:" + MASKED_VALUE + "@db:5432/app?ssl=true")
                .containsEntry("mongo.uri", "mongodb://bob:" + MASKED_VALUE + "@mongo1:27017,mongo2:27017/db")
                .containsEntry("jdbc.mysql", "jdbc:mysql://db/app?user=u&password=" + MASKED_VALUE + "&useSSL=true")
                .containsEntry("jdbc.oracle", "jdbc:oracle:thin:scott/" + MASKED_VALUE + "@db:1521/XE")
                .containsEntry("plain.url", "https://example.com:8443/path")
                .containsEntry("scoped.url", "https://registry.example.org:443/@scope/pkg");
        // A value with parts cut out carries reason url and is not a masked key (those carry exactly the mask).
        assertThat(masked.maskedKeys()).isEmpty();
        assertThat(masked.reasons()).containsOnlyKeys("connection.url", "mongo.uri", "jdbc.sqlserver", "jdbc.mysql",
                "jdbc.oracle").allSatisfy((k, r) -> assertThat(r).isEqualTo(MaskReason.URL));
    }

    @Test
    void aValueHoldingACredentialShapeIsMaskedWholeAndListed() {
        Map<String, String> config = fileSource();
        config.put("notes", "deploy with ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8" + " please");
        MaskedConfig masked = masker.mask(config, DeclaredKeys.none());
        assertThat(masked.config()).containsEntry("notes", MASKED_VALUE);
        assertThat(masked.maskedKeys()).containsExactly("notes");
        assertThat(masked.reasons()).containsExactly(entry("notes", MaskReason.SHAPE));
    }

    @Test
    void nullValuesAreKept() {
        Map<String, String> config = fileSource();
        config.put("db.password", null);
        config.put("comment", null);
        MaskedConfig masked = masker.mask(config, DeclaredKeys.none());
        assertThat(masked.config()).containsEntry("comment", null).containsEntry("db.password", MASKED_VALUE);
    }

    @Test
    void theMaskIsTheWireContractsMask() {
        assertThat(MASKED_VALUE).isEqualTo(io.connectusm.events.ConnectorSnapshot.MASKED_VALUE);
    }
}

package io.connectusm.secrets;

import io.connectusm.secrets.corpus.Leaks;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.mirror.MirrorSourceConnector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 1,000 generated configs of the worker extension's former {@code SecretCanaryTest}, same positions and
 * spellings, with the PASSWORD keys its test plugins declare passed as {@link DeclaredKeys}: no canary survives,
 * and every key that test expected masked is masked.
 */
class FormerCanaryConfigsTest {

    private static final String ANY = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789\"\\/+=&%?#@:;{}";
    private static final String URL_SAFE = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.~!*";

    private final Random random = new Random();
    private final List<String> canaries = new ArrayList<>();

    @Test
    void noCanaryOfAThousandGeneratedConfigsSurvives() {
        List<String> mirrorKeys = new MirrorSourceConnector().config().configKeys().values().stream()
                .filter(k -> k.type == ConfigDef.Type.PASSWORD).map(k -> k.name).sorted().collect(Collectors.toList());
        DeclaredKeys declared = DeclaredKeys.builder()
                .passwordKeys("", mirrorKeys)
                .passwordKeys("transforms.sign.", List.of("signing.material"))
                .passwordKeys("predicates.p.", List.of("signing.material"))
                .passwordKeys("key.converter.", List.of("registry.key.material"))
                .passwordKeys("value.converter.", List.of("registry.key.material"))
                .build();
        ConfigMasker masker = new ConfigMasker(MaskingOptions.defaults());
        for (int i = 0; i < 1_000; i++) {
            canaries.clear();
            Map<String, String> raw = generate(i, mirrorKeys);
            MaskedConfig masked = masker.mask(raw, declared);
            assertThat(Leaks.anySurvives(canaries, String.join("\n", masked.config().values())))
                    .as("config %d leaked", i).isFalse();
            assertThat(masked.maskedKeys()).contains("transforms.sign.signing.material", "predicates.p.signing.material",
                    "key.converter.registry.key.material", "value.converter.registry.key.material", "db.password");
        }
    }

    private String canary(String alphabet) {
        StringBuilder out = new StringBuilder("CANARY");
        for (int i = 0; i < 18; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        canaries.add(out.toString());
        return out.toString();
    }

    private Map<String, String> generate(int i, List<String> mirrorKeys) {
        Map<String, String> config = new HashMap<>();
        switch (i % 3) {
            case 0 -> {
                config.put("connector.class", MirrorSourceConnector.class.getName());
                config.put(mirrorKeys.get(random.nextInt(mirrorKeys.size())), canary(ANY));
            }
            case 1 -> config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector");
            default -> config.put("connector.class", "com.example.NotInstalled" + i);
        }
        config.put("name", "connector-" + i);
        config.put("transforms", "sign");
        config.put("transforms.sign.type", "io.connectusm.extension.SecretHoldingTransform");
        config.put("transforms.sign.signing.material", canary(ANY));
        config.put("predicates", "p");
        config.put("predicates.p.type", "io.connectusm.extension.SecretHoldingTransformPredicate");
        config.put("predicates.p.signing.material", canary(ANY));
        config.put("key.converter", "io.connectusm.extension.SecretHoldingConverter");
        config.put("value.converter", "io.connectusm.extension.SecretHoldingConverter");
        config.put("key.converter.registry.key.material", canary(ANY));
        config.put("value.converter.registry.key.material", canary(ANY));
        String[] overrides = {"producer.override.", "consumer.override.", "admin.override."};
        String prefix = overrides[random.nextInt(overrides.length)];
        config.put(prefix + "ssl.keystore.password", canary(ANY));
        config.put(prefix + "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"u\" password=\"" + canary(ANY) + "\";");
        String[] named = {"connection.password", "client.secret", "hmac.secret.key", "auth.token",
            "gcp.credentials.json", "value.converter.basic.auth.user.info", "aws.secret.access.key", "password"};
        config.put(named[random.nextInt(named.length)], canary(ANY));
        switch (random.nextInt(4)) {
            case 0 -> config.put("connection.url", "jdbc:postgresql://user:" + canary(URL_SAFE) + "@db:5432/x");
            case 1 -> config.put("connection.url", "jdbc:mysql://db/x?user=u&password=" + canary(URL_SAFE)
                    + "&ssl=true");
            case 2 -> config.put("connection.url", "jdbc:sqlserver://db;user=sa;password=" + canary(URL_SAFE)
                    + ";encrypt=true");
            default -> config.put("mongo.uri", "mongodb://u:" + canary(URL_SAFE) + "@m1:27017,m2:27017/db");
        }
        config.put("db.password", "${file:/secrets/db.properties:" + canary(URL_SAFE) + "}");
        return config;
    }
}

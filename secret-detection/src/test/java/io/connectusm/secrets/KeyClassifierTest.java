package io.connectusm.secrets;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KeyClassifierTest {

    private static Optional<MaskReason> classify(MaskingOptions options, String key, String value,
                                                 DeclaredKeys declared) {
        return new KeyClassifier(options).classify(key, value, declared);
    }

    @Test
    void anExceptionBeatsNamePatternAndPolicyButNeverType() {
        MaskingOptions options = MaskingOptions.builder().sensitiveKeyPatterns(List.of("db.*"))
                .nonsensitiveKeyPatterns(List.of("db.password.hint", "*.ssl.*")).policy(MaskingPolicy.STRICT).build();
        assertThat(classify(options, "db.password.hint", "ask", DeclaredKeys.none())).isEmpty();
        assertThat(classify(options, "x.ssl.keystore.password", "s", DeclaredKeys.none())).contains(MaskReason.TYPE);
        assertThat(classify(options, "db.other", "s", DeclaredKeys.none())).contains(MaskReason.PATTERN);
    }

    @Test
    void aBooleanValueIsASwitchNotASecret() {
        MaskingOptions strict = MaskingOptions.builder().policy(MaskingPolicy.STRICT).build();
        assertThat(classify(strict, "use.default.credentials", "true", DeclaredKeys.none())).isEmpty();
        assertThat(classify(strict, "vendor.flag", " FALSE ", DeclaredKeys.none())).isEmpty();
        assertThat(classify(strict, "ssl.key.password", "true", DeclaredKeys.none())).contains(MaskReason.TYPE);
        assertThat(classify(MaskingOptions.builder().sensitiveKeyPatterns(List.of("vendor.*")).build(),
                "vendor.flag", "true", DeclaredKeys.none())).contains(MaskReason.PATTERN);
    }

    @Test
    void theStrictPolicyMasksWhatNoConfigDefDeclares() {
        MaskingOptions strict = MaskingOptions.builder().policy(MaskingPolicy.STRICT).build();
        DeclaredKeys declared = DeclaredKeys.builder().declaredKeys("", List.of("batch.size")).build();
        assertThat(classify(strict, "batch.size", "500", declared)).isEmpty();
        assertThat(classify(strict, "vendor.blob", "x", declared)).contains(MaskReason.POLICY);
        assertThat(classify(strict, "vendor.url", "x", declared)).as("qualifier").isEmpty();
        assertThat(classify(strict, "producer.override.linger.ms", "5", declared)).isEmpty();
        assertThat(classify(strict, "source.cluster.bootstrap.servers", "b:9092", declared)).isEmpty();
        assertThat(classify(strict, "transforms.x.type", "T", declared)).isEmpty();
        assertThat(classify(MaskingOptions.defaults(), "vendor.blob", "x", declared)).isEmpty();
    }

    @Test
    void typeMatchingIgnoresCase() {
        assertThat(DeclaredKeys.none().isPasswordTyped("Producer.Override.SSL.Key.Password")).isTrue();
        assertThat(DeclaredKeys.builder().passwordKeys("Transforms.A.", List.of("Material")).build()
                .isPasswordTyped("transforms.a.material")).isTrue();
    }
}

package io.connectusm.extension;

import io.connectusm.events.TraceMode;
import io.connectusm.secrets.MaskingOptions;
import io.connectusm.secrets.MaskingPolicy;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The masking keys of {@link MetadataEventsConfig}: their defaults, what they become ({@link MaskingOptions},
 * {@link TraceMode}), and a bad value failing the worker's start naming the key and the accepted values.
 */
class MaskingSettingsTest {

    private static Map<String, String> props(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(MetadataEventsConfig.PREFIX + keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    @Test
    void defaultsMaskByTypeNameAndValueAndScrubTraces() {
        MetadataEventsConfig config = new MetadataEventsConfig(props());

        MaskingOptions options = config.maskingOptions();
        assertThat(options.policy()).isEqualTo(MaskingPolicy.DEFAULT);
        assertThat(options.sensitiveKeyPatterns()).isEmpty();
        assertThat(options.nonsensitiveKeyPatterns()).isEmpty();
        assertThat(config.traceMode()).isEqualTo(TraceMode.SCRUBBED);
    }

    @Test
    void patternsExceptionsPolicyAndTraceModeAreRead() {
        MetadataEventsConfig config = new MetadataEventsConfig(props(
                "sensitive.key.patterns", "*.tenant.key, vendor.*",
                "nonsensitive.key.patterns", "auth.header,*.token.count",
                "masking.policy", "strict",
                "trace.mode", "summary"));

        MaskingOptions options = config.maskingOptions();
        assertThat(options.sensitiveKeyPatterns()).containsExactly("*.tenant.key", "vendor.*");
        assertThat(options.nonsensitiveKeyPatterns()).containsExactly("auth.header", "*.token.count");
        assertThat(options.policy()).isEqualTo(MaskingPolicy.STRICT);
        assertThat(config.traceMode()).isEqualTo(TraceMode.SUMMARY);
        assertThat(new MetadataEventsConfig(props("trace.mode", "none")).traceMode()).isEqualTo(TraceMode.NONE);
    }

    @Test
    void anUnknownPolicyOrTraceModeFailsNamingTheKeyAndTheAcceptedValues() {
        assertThatThrownBy(() -> new MetadataEventsConfig(props("masking.policy", "paranoid")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(MetadataEventsConfig.MASKING_POLICY_CONFIG).hasMessageContaining("default, strict");
        assertThatThrownBy(() -> new MetadataEventsConfig(props("trace.mode", "raw")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(MetadataEventsConfig.TRACE_MODE_CONFIG)
                .hasMessageContaining("scrubbed, summary, none");
    }

    @Test
    void aBaseUrlWithCredentialsIsRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> new MetadataEventsConfig(props("client.base.url", "https://agent:Url-S3cret@h:10000")))
                .isInstanceOf(ConfigException.class).hasMessageNotContaining("Url-S3cret")
                .hasMessageContaining(MetadataEventsConfig.CLIENT_BASE_URL_CONFIG);
    }

    @Test
    void theStartLineNamesPolicyAndTraceMode() {
        Map<String, String> props = props("masking.policy", "strict", "trace.mode", "none", "client.base.url",
                "https://agent:10000");
        props.put("group.id", "g");

        assertThat(new MetadataEventsConfig(props).describe()).contains("masking policy strict", "traces none");
        assertThat(List.of(MetadataEventsConfig.CONFIG_DEF.names().toArray())).contains(
                MetadataEventsConfig.NONSENSITIVE_KEY_PATTERNS_CONFIG, MetadataEventsConfig.MASKING_POLICY_CONFIG,
                MetadataEventsConfig.TRACE_MODE_CONFIG);
    }
}

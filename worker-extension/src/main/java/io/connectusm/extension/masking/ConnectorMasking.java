package io.connectusm.extension.masking;

import io.connectusm.events.TraceMode;
import io.connectusm.secrets.ConfigMasker;
import io.connectusm.secrets.DeclaredKeys;
import io.connectusm.secrets.MaskingOptions;
import io.connectusm.secrets.TraceScrubber;

import java.util.HashMap;
import java.util.Map;

/**
 * Masks this worker's connector configs before they leave, with the layers of {@code secret-detection}: PASSWORD
 * type (the connector's, transforms', predicates' and converters' {@code ConfigDef}s loaded through the worker's
 * plugin class loader, plus the Kafka clients' and Schema Registry's keys under any prefix), the operator's
 * exceptions and patterns, the name rule, the strict policy, then credentials inside values. Each connector's
 * traces are scrubbed with what its masking removed, with the secrets of the worker's own properties (as resolved
 * from {@code ${file:…}} and other providers, which the connector configs never show) and with every detector.
 *
 * <p>Built once in {@code register()}; immutable apart from its caches of plugin definitions; thread-safe.
 */
public final class ConnectorMasking {

    private final ConfigMasker masker;
    private final DeclaredKeysResolver declared;
    private final TraceMode traceMode;
    private final TraceScrubber workerScrubber;

    /**
     * @param pluginLoader     the worker's plugin class loader (the context loader of {@code register()})
     * @param workerProperties every worker property, as the worker hands them to {@code configure()}
     * @param options          the operator's patterns, exceptions and policy
     * @param traceMode        how traces leave
     */
    public ConnectorMasking(ClassLoader pluginLoader, Map<String, ?> workerProperties, MaskingOptions options,
                            TraceMode traceMode) {
        this.masker = new ConfigMasker(options);
        this.declared = new DeclaredKeysResolver(new PluginConfigDefs(pluginLoader), workerProperties);
        this.traceMode = traceMode;
        this.workerScrubber = masker.mask(asStrings(workerProperties), DeclaredKeys.none()).traceScrubber();
    }

    /** {@code raw} (a connector config as the worker stores it, or as a REST call wrote it) masked. No I/O. */
    public MaskedConnectorConfig mask(Map<String, String> raw) {
        return new MaskedConnectorConfig(masker.mask(raw, declared.declaredKeys(raw)), traceMode, workerScrubber);
    }

    public TraceMode traceMode() {
        return traceMode;
    }

    private static Map<String, String> asStrings(Map<String, ?> properties) {
        Map<String, String> strings = new HashMap<>();
        properties.forEach((key, value) -> {
            if (key != null && value != null) {
                strings.put(key, value instanceof org.apache.kafka.common.config.types.Password
                        ? ((org.apache.kafka.common.config.types.Password) value).value() : value.toString());
            }
        });
        return strings;
    }

    @Override
    public String toString() {
        return "ConnectorMasking[traceMode=" + traceMode + "]";
    }
}

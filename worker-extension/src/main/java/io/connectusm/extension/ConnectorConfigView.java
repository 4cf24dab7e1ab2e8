package io.connectusm.extension;

import io.connectusm.extension.masking.MaskedConnectorConfig;

/**
 * One connector's config as last read from the worker, already masked, with its fingerprint. Reading it goes
 * through the herder's tick thread (it may wait seconds while the herder stops tasks), so it is read less
 * often than the state and reused in between. Immutable; compared by fingerprint, never by identity.
 */
final class ConnectorConfigView {

    private final String connectorClass;
    private final MaskedConnectorConfig masked;
    private final String fingerprint;

    /**
     * @param connectorClass the {@code connector.class} value as masked
     * @param masked         the masked config, the masked keys, the reasons, and how this connector's traces leave
     * @param fingerprint    {@code ConfigFingerprint.of(masked.config())}
     */
    ConnectorConfigView(String connectorClass, MaskedConnectorConfig masked, String fingerprint) {
        this.connectorClass = connectorClass;
        this.masked = masked;
        this.fingerprint = fingerprint;
    }

    String connectorClass() {
        return connectorClass;
    }

    MaskedConnectorConfig masked() {
        return masked;
    }

    String fingerprint() {
        return fingerprint;
    }
}

package io.connectusm.extension;

import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.extension.masking.MaskedConnectorConfig;

/**
 * One connector's config as last read from the worker, already masked, with its fingerprint. Reading it goes
 * through the herder's tick thread (it may wait seconds while the herder stops tasks), so it is read less
 * often than the state and reused in between. Immutable but for {@link #template()}, a cache; compared by
 * fingerprint, never by identity.
 */
final class ConnectorConfigView {

    private final String connectorClass;
    private final MaskedConnectorConfig masked;
    private final String fingerprint;
    /**
     * The first snapshot made with this config, whose checked, unmodifiable config, masked keys and reasons the next
     * ones reuse ({@code ConnectorSnapshot.toBuilder}) instead of copying and fingerprinting the config again for
     * each: a resync resends every connector once per interval. Volatile: read by the observer and the REST filter's
     * threads; a race only builds it twice.
     */
    private volatile ConnectorSnapshot template;

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

    /** The first snapshot made with this config, or {@code null} before one. */
    ConnectorSnapshot template() {
        return template;
    }

    /** Keeps {@code snapshot} (made with this config) as {@link #template()} when there is none yet. */
    void offerTemplate(ConnectorSnapshot snapshot) {
        if (template == null) {
            template = snapshot;
        }
    }
}

package io.connectusm.extension.masking;

import io.connectusm.events.TraceMode;
import io.connectusm.secrets.MaskReason;
import io.connectusm.secrets.MaskedConfig;
import io.connectusm.secrets.TraceScrubber;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * One connector's config after masking, as a snapshot carries it — the config, the keys masked whole, the reason
 * code of every changed key ({@code mask_reasons}) — and how this connector's traces leave: scrubbed of the values
 * its masking removed, of the worker's own secrets and of every detected credential, cut or dropped as
 * {@code trace.mode} says.
 *
 * <p>Holds secrets only inside its trace scrubbers, which never give them out; {@link #toString()} shows key names.
 * Immutable; thread-safe.
 */
public final class MaskedConnectorConfig {

    private final MaskedConfig masked;
    private final SortedMap<String, String> reasonCodes;
    private final TraceMode traceMode;
    private final TraceScrubber connectorScrubber;
    private final TraceScrubber workerScrubber;

    MaskedConnectorConfig(MaskedConfig masked, TraceMode traceMode, TraceScrubber workerScrubber) {
        this.masked = masked;
        SortedMap<String, String> codes = new TreeMap<>();
        for (java.util.Map.Entry<String, MaskReason> reason : masked.reasons().entrySet()) {
            codes.put(reason.getKey(), reason.getValue().code());
        }
        this.reasonCodes = Collections.unmodifiableSortedMap(codes);
        this.traceMode = traceMode;
        this.connectorScrubber = masked.traceScrubber();
        this.workerScrubber = workerScrubber;
    }

    /** The config to send: every key, each value unchanged, with a credential cut out, or {@code ********}. */
    public SortedMap<String, String> config() {
        return masked.config();
    }

    /** The keys whose value is exactly {@code ********}. */
    public SortedSet<String> maskedKeys() {
        return masked.maskedKeys();
    }

    /** Key → reason code ({@code type}, {@code name}, {@code pattern}, {@code policy}, {@code shape}, {@code url}). */
    public SortedMap<String, String> reasonCodes() {
        return reasonCodes;
    }

    /** How {@link #trace(String)} treats traces. */
    public TraceMode traceMode() {
        return traceMode;
    }

    /** A trace of this connector or of one of its tasks as it may leave the worker, or {@code null} for none. */
    public String trace(String rawTrace) {
        return TraceRedaction.redact(rawTrace, traceMode, connectorScrubber, workerScrubber);
    }

    @Override
    public String toString() {
        return "MaskedConnectorConfig[" + masked.config().size() + " keys, reasons=" + reasonCodes + ", traceMode="
                + traceMode + "]";
    }
}

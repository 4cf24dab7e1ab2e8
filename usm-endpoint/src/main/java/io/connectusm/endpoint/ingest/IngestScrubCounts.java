package io.connectusm.endpoint.ingest;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.connectusm.secrets.detect.CredentialKind;

/**
 * How many credentials the ingest scrub removed from events since this endpoint started, by kind: the counter
 * behind the metric {@value #METRIC_NAME} (a Prometheus counter with one label, {@value #KIND_LABEL}, whose values
 * are the stable {@link CredentialKind#code() codes}: {@code jwt}, {@code url-user-info}, {@code pem-private-key}
 * …). Each credential cut out of a value or a text counts once; a count above zero means some emitter sends what
 * its worker should have masked (an older plugin, or a secret under a key it does not know), and the operator
 * should look for which. Counts only, never a value, a key or a connector name (a label could leak them).
 *
 * <p>Thread-safe (one {@link LongAdder} per kind); one per running endpoint, living as long as it.
 */
public final class IngestScrubCounts {

    /** The metric's name. */
    public static final String METRIC_NAME = "usm_endpoint_ingest_secrets_scrubbed_total";
    /** The metric's help text. */
    public static final String METRIC_HELP = "Credentials the endpoint removed from received events before storing "
            + "them (an emitter sent what its worker should have masked), by kind.";
    /** The metric's one label. */
    public static final String KIND_LABEL = "kind";

    private final Map<CredentialKind, LongAdder> counts = new EnumMap<>(CredentialKind.class);

    public IngestScrubCounts() {
        for (CredentialKind kind : CredentialKind.values()) {
            counts.put(kind, new LongAdder());
        }
    }

    /** Counts one credential of {@code kind} removed. */
    void add(CredentialKind kind) {
        counts.get(kind).increment();
    }

    /** Every kind's count (zeros included), by {@link CredentialKind#code() code}, in the enum's order. */
    public Map<String, Long> byKind() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((kind, count) -> out.put(kind.code(), count.sum()));
        return Collections.unmodifiableMap(out);
    }

    /** All kinds together. */
    public long total() {
        long total = 0;
        for (LongAdder count : counts.values()) {
            total += count.sum();
        }
        return total;
    }

    @Override
    public String toString() {
        return "IngestScrubCounts[total=" + total() + "]";
    }
}

package io.connectusm.agent.ingest;

import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.EventPayload;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.PluginDescriptor;
import io.connectusm.events.TaskSnapshot;
import io.connectusm.events.WorkerPlugins;
import io.connectusm.secrets.MaskReason;
import io.connectusm.secrets.Redaction;
import io.connectusm.secrets.TextScrubber;
import io.connectusm.secrets.ValueRedactor;
import io.connectusm.secrets.detect.CredentialKind;
import io.connectusm.secrets.detect.CredentialScanner;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The agent's second line of masking (issue #9, defence in depth), built on secret-detection's context-free
 * detectors, so that a worker running an older plugin still does not leak common credential shapes through the
 * agent.
 *
 * <p>{@link #flags} asks the {@link CredentialScanner} whether a string may hold a credential, in its widest form
 * (free-text mode, and a bare AWS secret key counted as if the text were about AWS); it runs on every string of every
 * event, in the scan that validates the batch. A flagged event is rewritten by {@link #scrub} the way the worker
 * extension masks: a config value by the value layer with its key as context ({@link ValueRedactor}: a known shape
 * masks the whole value, which joins {@code masked_keys}; a credential delimited by syntax is cut out; either way the
 * key's reason, {@code shape} or {@code url}, joins {@code mask_reasons}), every other
 * string — names, worker IDs, traces, plugin names, config keys — by the {@link TextScrubber} (each credential's span
 * replaced by the mask). A flagged event may come out unchanged (a string that only the wider question flagged). The config fingerprint is recomputed from the
 * rewritten config. Cluster IDs are not rewritten: the peer's certificate and the registrations have vouched for
 * them before this runs.
 *
 * <p>Every credential removed is counted in {@code usm_agent_second_line_masked_total} by {@code reason} (the
 * secret-detection reason code: {@code shape} or {@code url} for a config value, {@code trace} for any other field)
 * and {@code kind} (the detector's stable code); nothing else about it is kept, logged or put in a message.
 *
 * <p>Thread-safe and stateless apart from the counter; one per agent, built before the data plane opens.
 */
public final class SecondLineScrubber implements SecondLineScan {

    private static final CredentialScanner SCANNER = CredentialScanner.instance();
    private static final TextScrubber TEXT = TextScrubber.standard();
    private static final ValueRedactor VALUES = ValueRedactor.standard();
    private static final String TRACE = MaskReason.TRACE.code();

    private final Counter masked;

    public SecondLineScrubber(PrometheusRegistry registry) {
        masked = Counter.builder().name("usm_agent_second_line_masked_total")
                .help("Credentials the agent's second line removed from incoming events before spooling them, by "
                        + "reason and kind of credential (never the value).")
                .labelNames("reason", "kind").withoutExemplars().register(registry);
        // Every pair this class can count shows from the start, at 0 (a rate needs the series before the first one):
        // a config value's shape or cut, and any kind in a free-text field. Known secrets need a connector's config.
        for (CredentialKind kind : CredentialKind.values()) {
            if (kind != CredentialKind.KNOWN_SECRET) {
                masked.initLabelValues(kind.isShape() ? MaskReason.SHAPE.code() : MaskReason.URL.code(), kind.code());
                masked.initLabelValues(TRACE, kind.code());
            }
        }
    }

    @Override
    public boolean flags(String text) {
        // The widest question: free-text mode, and as if about AWS (the string may be the value of an AWS key, which
        // scrub() then knows), so that scrub() never has less to rewrite than this pass saw.
        return !SCANNER.scan(text, CredentialScanner.Mode.TEXT, true).isEmpty();
    }

    @Override
    public MetadataEvent scrub(MetadataEvent event) {
        EventPayload payload = scrubbed(event.payload());
        return new MetadataEvent(text(event.id()), event.cluster(), text(event.workerId()), event.epoch(),
                event.sequence(), event.time(), payload);
    }

    private EventPayload scrubbed(EventPayload payload) {
        if (payload instanceof ConnectorSnapshot snapshot) {
            return snapshot(snapshot);
        }
        if (payload instanceof ConnectorDeleted deleted) {
            return new ConnectorDeleted(text(deleted.name()),
                    deleted.actor() == null ? null : deleted.actor().withStrings(this::text));
        }
        if (payload instanceof ClusterInventory inventory) {
            SortedMap<String, String> connectors = new TreeMap<>();
            inventory.connectors().forEach((name, fingerprint) -> connectors.put(text(name), fingerprint));
            return new ClusterInventory(connectors);
        }
        if (payload instanceof WorkerPlugins plugins) {
            List<PluginDescriptor> descriptors = new ArrayList<>(plugins.plugins().size());
            for (PluginDescriptor plugin : plugins.plugins()) {
                descriptors.add(new PluginDescriptor(text(plugin.className()), text(plugin.type()), text(plugin.version())));
            }
            return new WorkerPlugins(text(plugins.workerId()), text(plugins.kafkaVersion()), descriptors);
        }
        throw new IllegalArgumentException("no second line for payload type " + payload.type());
    }

    private ConnectorSnapshot snapshot(ConnectorSnapshot snapshot) {
        SortedSet<String> maskedKeys = new TreeSet<>();
        for (String key : snapshot.maskedKeys()) {
            maskedKeys.add(text(key));
        }
        SortedMap<String, String> reasons = new TreeMap<>();
        snapshot.maskReasons().forEach((key, code) -> reasons.put(text(key), code));
        SortedMap<String, String> config = new TreeMap<>();
        for (Map.Entry<String, String> entry : snapshot.config().entrySet()) {
            String key = text(entry.getKey());
            String value = entry.getValue();
            if (value != null && !maskedKeys.contains(key)) {
                Redaction redaction = VALUES.redact(key, value);
                // A value the worker already cut (user:********@host) may be found again; only a change counts.
                if (redaction.changed() && !redaction.value().equals(value)) {
                    MaskReason reason = redaction.reason().orElseThrow();
                    redaction.kinds().forEach(kind -> count(reason.code(), kind));
                    value = redaction.value();
                    // The reason travels as the extension's would (mask_reasons): shape masks whole, url cuts.
                    reasons.put(key, reason.code());
                    if (reason.masksWholeValue()) {
                        maskedKeys.add(key);
                    }
                }
            }
            config.put(key, value);
        }
        List<TaskSnapshot> tasks = new ArrayList<>(snapshot.tasks().size());
        for (TaskSnapshot task : snapshot.tasks()) {
            tasks.add(new TaskSnapshot(task.id(), task.state(), text(task.workerId()), text(task.trace())));
        }
        // Topics are kept as they are: legal topic names, never free text (see TopicNames).
        return snapshot.toBuilder()
                .name(text(snapshot.name()))
                .connectorClass(text(snapshot.connectorClass()))
                .workerId(text(snapshot.workerId()))
                .trace(text(snapshot.trace()))
                .tasks(tasks)
                .config(config)
                .maskedKeys(maskedKeys)
                .maskReasons(reasons)
                .actor(snapshot.actor() == null ? null : snapshot.actor().withStrings(this::text))
                .build();
    }

    /** {@code value} (a free-text field, possibly null) with every detected credential cut out, each one counted. */
    private String text(String value) {
        if (value == null) {
            return null;
        }
        List<CredentialKind> found = new ArrayList<>(2);
        String scrubbed = TEXT.scrub(value, found::add);
        if (!scrubbed.equals(value)) {
            found.forEach(kind -> count(TRACE, kind));
        }
        return scrubbed;
    }

    private void count(String reason, CredentialKind kind) {
        masked.labelValues(reason, kind.code()).inc();
    }
}

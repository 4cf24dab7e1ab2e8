package io.connectusm.endpoint.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import io.connectusm.events.ChangeActor;
import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.EventPayload;
import io.connectusm.events.MaskReasonCodes;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.PluginDescriptor;
import io.connectusm.events.TaskSnapshot;
import io.connectusm.events.WorkerPlugins;
import io.connectusm.secrets.MaskReason;
import io.connectusm.secrets.Redaction;
import io.connectusm.secrets.TextScrubber;
import io.connectusm.secrets.ValueRedactor;
import io.connectusm.secrets.detect.CredentialKind;

/**
 * Runs {@code secret-detection}'s value detectors over every string field of every event before it is stored
 * (defence in depth: the worker masks first, the agent scrubs again before egress, and the endpoint does once more,
 * so an emitter with an older plugin does not leave common credential shapes here). What it does per field:
 * <ul>
 *   <li>a config value (not already masked) goes through {@link ValueRedactor} with its key as context: a value
 *       holding a credential shape becomes {@code ********}, its key joins {@code masked_keys} with reason
 *       {@code shape}; a credential inside a value (URL user-info, {@code password=…}, JAAS …) is cut out and the
 *       key gets reason {@code url}, as the worker would have done it;</li>
 *   <li>every other string (traces of the connector and its tasks, names, classes, worker IDs, config keys, the
 *       inventory's names, the plugin descriptors) goes through {@link TextScrubber}: only the credential's span is
 *       replaced, so a scrubbed trace shows {@code ********} where something was removed.</li>
 * </ul>
 * The cluster IDs of the envelope are left alone (they are checked against the registrations and are no free text).
 * The scrub is a pure function of the event, so an event and its retries scrub alike and newest-wins still holds;
 * a snapshot whose config changed gets the fingerprint of its scrubbed config. An event with nothing to scrub is
 * returned as the same instance. Every credential removed is counted in {@link IngestScrubCounts}; nothing is
 * logged.
 *
 * <p>Thread-safe (stateless but for the counts); one per endpoint.
 */
public final class IngestScrubber {

    private final TextScrubber text = TextScrubber.standard();
    private final ValueRedactor values = ValueRedactor.standard();
    private final IngestScrubCounts counts;

    public IngestScrubber(IngestScrubCounts counts) {
        this.counts = counts;
    }

    /** What it counts into. */
    public IngestScrubCounts counts() {
        return counts;
    }

    /** Every event of a batch scrubbed, in the same order. */
    public List<MetadataEvent> scrub(List<MetadataEvent> events) {
        List<MetadataEvent> out = new ArrayList<>(events.size());
        for (MetadataEvent event : events) {
            out.add(scrub(event));
        }
        return out;
    }

    /** One event scrubbed; the same instance when nothing was found. */
    public MetadataEvent scrub(MetadataEvent event) {
        String id = text(event.id());
        String workerId = text(event.workerId());
        EventPayload payload = payload(event.payload());
        if (id == event.id() && workerId == event.workerId() && payload == event.payload()) {
            return event;
        }
        return new MetadataEvent(id, event.cluster(), workerId, event.epoch(), event.sequence(), event.time(),
                payload);
    }

    private EventPayload payload(EventPayload payload) {
        if (payload instanceof ConnectorSnapshot s) {
            return snapshot(s);
        }
        if (payload instanceof ConnectorDeleted d) {
            String name = text(d.name());
            ChangeActor actor = d.actor() == null ? null : d.actor().withStrings(this::text);
            return name == d.name() && actor == d.actor() ? d : new ConnectorDeleted(name, actor);
        }
        if (payload instanceof ClusterInventory inventory) {
            return inventory(inventory);
        }
        if (payload instanceof WorkerPlugins plugins) {
            return plugins(plugins);
        }
        return payload;
    }

    private ConnectorSnapshot snapshot(ConnectorSnapshot s) {
        boolean changed = false;
        SortedSet<String> masked = new TreeSet<>();
        for (String key : s.maskedKeys()) {
            String scrubbedKey = text(key);
            changed |= scrubbedKey != key;
            masked.add(scrubbedKey);
        }
        SortedMap<String, String> reasons = new TreeMap<>();
        for (Map.Entry<String, String> reason : s.maskReasons().entrySet()) {
            String scrubbedKey = text(reason.getKey());
            changed |= scrubbedKey != reason.getKey();
            reasons.put(scrubbedKey, reason.getValue());
        }
        SortedMap<String, String> config = new TreeMap<>();
        for (Map.Entry<String, String> entry : s.config().entrySet()) {
            String key = text(entry.getKey());
            String value = entry.getValue();
            changed |= key != entry.getKey();
            if (value != null && !masked.contains(key)) {
                Redaction redaction = values.redact(entry.getKey(), value);
                if (redaction.changed()) {
                    changed = true;
                    redaction.kinds().forEach(counts::add);
                    value = redaction.value();
                    if (redaction.reason().orElseThrow() == MaskReason.SHAPE) {
                        masked.add(key);
                        reasons.put(key, MaskReasonCodes.SHAPE);
                    } else if (!reasons.containsKey(key)) {
                        reasons.put(key, MaskReasonCodes.URL);
                    }
                }
            }
            config.put(key, value);
        }
        String name = text(s.name());
        String connectorClass = text(s.connectorClass());
        String workerId = text(s.workerId());
        String trace = text(s.trace());
        List<TaskSnapshot> tasks = tasks(s.tasks());
        ChangeActor actor = s.actor() == null ? null : s.actor().withStrings(this::text);
        changed |= name != s.name() || connectorClass != s.connectorClass() || workerId != s.workerId()
                || trace != s.trace() || tasks != s.tasks() || actor != s.actor();
        if (!changed) {
            return s;
        }
        return s.toBuilder()
                .name(name)
                .connectorClass(connectorClass)
                .workerId(workerId)
                .trace(trace)
                .tasks(tasks)
                .config(config)
                .maskedKeys(masked)
                .maskReasons(reasons)
                .actor(actor)
                .build();
    }

    /** The tasks with their worker IDs and traces scrubbed; the same list when nothing was found. */
    private List<TaskSnapshot> tasks(List<TaskSnapshot> tasks) {
        List<TaskSnapshot> out = new ArrayList<>(tasks.size());
        boolean changed = false;
        for (TaskSnapshot t : tasks) {
            String workerId = text(t.workerId());
            String trace = text(t.trace());
            if (workerId != t.workerId() || trace != t.trace()) {
                changed = true;
                out.add(new TaskSnapshot(t.id(), t.state(), workerId, trace));
            } else {
                out.add(t);
            }
        }
        return changed ? out : tasks;
    }

    private ClusterInventory inventory(ClusterInventory inventory) {
        SortedMap<String, String> connectors = new TreeMap<>();
        boolean changed = false;
        for (Map.Entry<String, String> entry : inventory.connectors().entrySet()) {
            String name = text(entry.getKey());
            String fingerprint = text(entry.getValue());
            changed |= name != entry.getKey() || fingerprint != entry.getValue();
            connectors.putIfAbsent(name, fingerprint);
        }
        return changed ? new ClusterInventory(connectors) : inventory;
    }

    private WorkerPlugins plugins(WorkerPlugins plugins) {
        boolean changed = false;
        List<PluginDescriptor> list = new ArrayList<>(plugins.plugins().size());
        for (PluginDescriptor p : plugins.plugins()) {
            String className = text(p.className());
            String type = text(p.type());
            String version = text(p.version());
            if (className != p.className() || type != p.type() || version != p.version()) {
                changed = true;
                list.add(new PluginDescriptor(className, type, version));
            } else {
                list.add(p);
            }
        }
        String workerId = text(plugins.workerId());
        String kafkaVersion = text(plugins.kafkaVersion());
        changed |= workerId != plugins.workerId() || kafkaVersion != plugins.kafkaVersion();
        return changed ? new WorkerPlugins(workerId, kafkaVersion, list) : plugins;
    }

    /** {@code value} scrubbed as free text, counting what was removed; the same instance when nothing was. */
    private String text(String value) {
        return text.scrub(value, this::count);
    }

    private void count(CredentialKind kind) {
        counts.add(kind);
    }
}

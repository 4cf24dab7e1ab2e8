package io.connectusm.events;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A digest of the <em>state</em> an event carries, for a receiver that wants to know whether an event says
 * anything new about its subject: two events have the same digest exactly when they are of the same type, about
 * the same cluster and subject, and carry the same payload — whoever emitted them, whenever, with whatever
 * {@code id}, {@code workerid}, {@code epoch}, {@code sequence} and {@code time}, and (for a snapshot) whatever
 * {@code cause}. The {@code actor} of a snapshot or a deletion counts: a report of the same state with a fuller actor
 * (the worker a user called, after the leader's report of the same call forwarded to it) says something new, and a
 * receiver that drops repeated states must not drop it. The digest is of the values, not of the JSON: whitespace, the order of fields, string escapes,
 * fields the contract does not know, the order of tasks, of {@code masked_keys} (and repeats in it) and of plugins
 * do not change it. A snapshot's config enters through its {@code config_fingerprint}, which is itself a canonical
 * digest of the (masked) config.
 *
 * <p>Canonical encoding: SHA-256 over a version tag, then the type, the two cluster IDs, the subject and the
 * payload's fields in a fixed order, each string as its UTF-8 length (4-byte big-endian) and bytes, {@code null} as
 * the length {@code 0xFFFFFFFF}, each list as its size then its items in their canonical order (tasks by id,
 * masked keys and inventory names as sorted strings, plugins by class name, type, version); a snapshot's
 * {@code mask_reasons} (by key) and {@code trace_mode} come next, only when it has either, topics or an actor; then
 * its {@code topics} (sorted), only when it gives them, and the actor (of a snapshot or a deletion) last, behind a
 * marker no topic count can take, only when it has one. {@link EventScanner}
 * computes the same digest from the bytes it validates, without building the event.
 *
 * <p>Stateless; thread-safe.
 */
public final class StateDigest {

    /** Length of a digest in bytes. */
    public static final int BYTES = 32;

    private static final byte[] VERSION = {'u', 's', 'm', '-', 's', 't', 'a', 't', 'e', '-', '1'};

    private StateDigest() {
    }

    /** The digest of {@code event}'s state, {@value #BYTES} bytes. */
    public static byte[] of(MetadataEvent event) {
        return of(event.cluster(), event.subject(), event.payload());
    }

    /** The digest of a payload about {@code subject} of {@code cluster}. */
    static byte[] of(ClusterRef cluster, String subject, EventPayload payload) {
        if (payload instanceof ConnectorSnapshot) {
            ConnectorSnapshot s = (ConnectorSnapshot) payload;
            return snapshot(cluster, subject, s.name(), s.connectorClass(), s.connectorType(), s.state(), s.workerId(),
                    s.trace(), s.tasks(), s.maskedKeys(), s.configFingerprint(), s.maskReasons(), s.traceMode(),
                    s.topics(), s.actor());
        }
        Writer out = new Writer(payload.type(), cluster, subject);
        if (payload instanceof ConnectorDeleted) {
            ConnectorDeleted deleted = (ConnectorDeleted) payload;
            out.string(deleted.name());
            if (deleted.actor() != null) {
                out.actor(deleted.actor()); // only when given: a deletion without one keeps its former digest
            }
        } else if (payload instanceof ClusterInventory) {
            Map<String, String> connectors = ((ClusterInventory) payload).connectors();
            out.count(connectors.size());
            for (Map.Entry<String, String> entry : connectors.entrySet()) {
                out.string(entry.getKey());
                out.string(entry.getValue());
            }
        } else {
            WorkerPlugins plugins = (WorkerPlugins) payload;
            out.string(plugins.workerId());
            out.string(plugins.kafkaVersion());
            out.count(plugins.plugins().size());
            for (PluginDescriptor plugin : plugins.plugins()) {
                out.string(plugin.className());
                out.string(plugin.type());
                out.string(plugin.version());
            }
        }
        return out.finish();
    }

    /**
     * The digest of a snapshot from its fields.
     *
     * @param tasks      ordered by id
     * @param maskedKeys distinct, sorted
     * @param maskReasons sorted by key
     * @param traceMode  {@code null} when the event gives none
     * @param topics     sorted, distinct; {@code null} when the event gives none
     */
    static byte[] snapshot(ClusterRef cluster, String subject, String name, String connectorClass, ConnectorType type,
            ConnectorState state, String workerId, String trace, List<TaskSnapshot> tasks, Collection<String> maskedKeys,
            String configFingerprint, Map<String, String> maskReasons, TraceMode traceMode, List<String> topics,
            ChangeActor actor) {
        Writer out = new Writer(EventType.CONNECTOR_SNAPSHOT, cluster, subject);
        out.string(name);
        out.string(connectorClass);
        out.string(type.name());
        out.string(state.name());
        out.string(workerId);
        out.string(trace);
        out.count(tasks.size());
        for (TaskSnapshot task : tasks) {
            out.count(task.id());
            out.string(task.state().name());
            out.string(task.workerId());
            out.string(task.trace());
        }
        out.count(maskedKeys.size());
        for (String key : maskedKeys) {
            out.string(key);
        }
        out.string(configFingerprint);
        // The optional fields only when given, so that a snapshot without them keeps the digest it had before they
        // existed (digests are stored in the agent's spool); the encoding stays unambiguous, being length-prefixed.
        // With topics or an actor, the optional section is always written before them, so what follows is unambiguous.
        if (!maskReasons.isEmpty() || traceMode != null || topics != null || actor != null) {
            out.count(maskReasons.size());
            for (Map.Entry<String, String> reason : maskReasons.entrySet()) {
                out.string(reason.getKey());
                out.string(reason.getValue());
            }
            out.string(traceMode == null ? null : traceMode.name());
        }
        // Topics after the block above: a snapshot with topics hashes a longer sequence than any without, so unknown
        // topics and an empty list differ, as do any two lists.
        if (topics != null) {
            out.count(topics.size());
            for (String topic : topics) {
                out.string(topic);
            }
        }
        if (actor != null) {
            // A topic count is never negative: the marker keeps "topics only" and "actor only" apart.
            out.count(ACTOR_MARKER);
            out.actor(actor);
        }
        return out.finish();
    }

    /** The canonical encoding's header (version, type, cluster, subject), then the fields its caller writes. */
    /** Precedes an actor: a value no count of topics can be. */
    private static final int ACTOR_MARKER = -2;

    private static final class Writer {

        private final DigestSink sink = DigestSink.acquire();

        Writer(EventType type, ClusterRef cluster, String subject) {
            sink.bytes(VERSION);
            string(type.ceType());
            string(cluster.kafkaClusterId());
            string(cluster.connectClusterId());
            string(subject);
        }

        void count(int value) {
            sink.count(value);
        }

        /** The actor of a change: its five strings, then whether it was forwarded (as a count, 0 or 1). */
        void actor(ChangeActor actor) {
            string(actor.principal());
            string(actor.clientAddress());
            string(actor.forwardedFor());
            string(actor.userAgent());
            string(actor.request());
            count(actor.forwarded() ? 1 : 0);
        }

        void string(String text) {
            sink.string(text);
        }

        byte[] finish() {
            return sink.finish();
        }
    }
}

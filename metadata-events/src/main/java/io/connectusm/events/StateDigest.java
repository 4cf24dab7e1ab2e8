package io.connectusm.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A digest of the <em>state</em> an event carries, for a receiver that wants to know whether an event says
 * anything new about its subject: two events have the same digest exactly when they are of the same type, about
 * the same cluster and subject, and carry the same payload — whoever emitted them, whenever, with whatever
 * {@code id}, {@code workerid}, {@code epoch}, {@code sequence} and {@code time}, and (for a snapshot) whatever
 * {@code cause}. The digest is of the values, not of the JSON: whitespace, the order of fields, string escapes,
 * fields the contract does not know, the order of tasks, of {@code masked_keys} (and repeats in it) and of plugins
 * do not change it. A snapshot's config enters through its {@code config_fingerprint}, which is itself a canonical
 * digest of the (masked) config.
 *
 * <p>Canonical encoding: SHA-256 over a version tag, then the type, the two cluster IDs, the subject and the
 * payload's fields in a fixed order, each string as its UTF-8 length (4-byte big-endian) and bytes, {@code null} as
 * the length {@code 0xFFFFFFFF}, each list as its size then its items in their canonical order (tasks by id,
 * masked keys and inventory names as sorted strings, plugins by class name, type, version); a snapshot's
 * {@code mask_reasons} (by key) and {@code trace_mode} come next, only when it has either or has topics, and its
 * {@code topics} (sorted) last, only when it gives them. {@link EventScanner}
 * computes the same digest from the bytes it validates, without building the event.
 *
 * <p>Stateless; thread-safe.
 */
public final class StateDigest {

    /** Length of a digest in bytes. */
    public static final int BYTES = 32;

    private static final byte[] VERSION = {'u', 's', 'm', '-', 's', 't', 'a', 't', 'e', '-', '1'};
    private static final int NULL_LENGTH = 0xFFFFFFFF;

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
                    s.topics());
        }
        Writer out = new Writer(payload.type(), cluster, subject);
        if (payload instanceof ConnectorDeleted) {
            out.string(((ConnectorDeleted) payload).name());
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
            String configFingerprint, Map<String, String> maskReasons, TraceMode traceMode, List<String> topics) {
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
        if (!maskReasons.isEmpty() || traceMode != null || topics != null) {
            out.count(maskReasons.size());
            for (Map.Entry<String, String> reason : maskReasons.entrySet()) {
                out.string(reason.getKey());
                out.string(reason.getValue());
            }
            out.string(traceMode == null ? null : traceMode.name());
        }
        // Topics after the block above, which is always written with them: a snapshot with topics hashes a longer
        // sequence than any without, so unknown topics and an empty list differ, as do any two lists.
        if (topics != null) {
            out.count(topics.size());
            for (String topic : topics) {
                out.string(topic);
            }
        }
        return out.finish();
    }

    /** Feeds the canonical encoding to SHA-256, strings as UTF-8 through one small buffer. Not thread-safe. */
    private static final class Writer {

        private final MessageDigest sha256 = ConfigFingerprint.sha256();
        private final byte[] buffer = new byte[512];
        private int used;

        Writer(EventType type, ClusterRef cluster, String subject) {
            System.arraycopy(VERSION, 0, buffer, 0, VERSION.length);
            used = VERSION.length;
            string(type.ceType());
            string(cluster.kafkaClusterId());
            string(cluster.connectClusterId());
            string(subject);
        }

        void count(int value) {
            room(4);
            buffer[used++] = (byte) (value >>> 24);
            buffer[used++] = (byte) (value >>> 16);
            buffer[used++] = (byte) (value >>> 8);
            buffer[used++] = (byte) value;
        }

        void string(String text) {
            if (text == null) {
                count(NULL_LENGTH);
                return;
            }
            // Well-formed Unicode (the contract carries nothing else), so its UTF-8 is exact.
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            count(utf8.length);
            if (utf8.length > buffer.length - used) {
                sha256.update(buffer, 0, used);
                used = 0;
            }
            if (utf8.length > buffer.length) {
                sha256.update(utf8);
            } else {
                System.arraycopy(utf8, 0, buffer, used, utf8.length);
                used += utf8.length;
            }
        }

        byte[] finish() {
            sha256.update(buffer, 0, used);
            return sha256.digest();
        }

        private void room(int bytes) {
            if (used + bytes > buffer.length) {
                sha256.update(buffer, 0, used);
                used = 0;
            }
        }
    }
}

package io.connectusm.agent.spool;

import io.connectusm.events.ScannedEvent;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Moves the events of a spool written by an earlier agent — one {@value #LEGACY_PENDING_MAP} entry per key,
 * holding the key's whole history as one batch — into one entry per event of the layout that followed it (string
 * store keys, which the index then moves into the current one), so that an upgrade neither loses nor resends them.
 * Runs once, at start, before the index is read; the caller commits. Stateless.
 */
final class LegacyMigration {

    /** The map in which agents before one-entry-per-event kept each key's history as one batch. */
    static final String LEGACY_PENDING_MAP = "pending";

    private LegacyMigration() {
    }

    /**
     * Migrates and removes the legacy map, if there is one.
     *
     * @return how many legacy entries did not decode (they are dropped)
     */
    static int migrate(MVStore store, MVMap<String, byte[]> events) {
        if (!store.hasMap(LEGACY_PENDING_MAP)) {
            return 0;
        }
        MVMap<String, byte[]> legacy = store.openMap(LEGACY_PENDING_MAP);
        int damaged = 0;
        for (Map.Entry<String, byte[]> entry : legacy.entrySet()) {
            SpoolKey key = SpoolKey.decode(entry.getKey());
            List<ScannedEvent> batch;
            try {
                batch = key == null ? null : BatchCodec.scan(entry.getValue(), null);
            } catch (RuntimeException e) {
                batch = null;
            }
            if (batch == null || batch.isEmpty()) {
                damaged++;
                continue;
            }
            String prefix = key.encode();
            long seq = 0;
            for (ScannedEvent event : batch) {
                events.put(SpoolRecord.storeKey(prefix, seq++), SpoolRecord.previousValue(event.stateDigest(),
                        event.json()));
            }
        }
        store.removeMap(legacy);
        return damaged;
    }
}

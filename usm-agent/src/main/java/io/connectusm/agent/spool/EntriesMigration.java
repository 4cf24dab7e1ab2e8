package io.connectusm.agent.spool;

import java.util.HashMap;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;

/**
 * Moves the pending events that earlier agents kept in the MVStore into the {@link EntryLog}, at open, before the
 * index is read, so that an upgrade neither loses nor resends them. Three layouts, each turned into the next:
 * <ol>
 *   <li>one {@value LegacyMigration#LEGACY_PENDING_MAP} entry per key holding its whole history
 *       ({@link LegacyMigration}) → </li>
 *   <li>one {@value SpoolFile#EVENTS_MAP} entry per event under a string store key → (here, in the same MVStore
 *       commit: each key gets its number, each event an entry number after every one in use) </li>
 *   <li>one {@value SpoolFile#ENTRIES_MAP} entry per event under its entry number → the log, keeping the
 *       numbers.</li>
 * </ol>
 * The last step writes the log and forces it, and only then removes the MVStore map and commits: a crash in between
 * replays the move at the next open, which puts the same values under the same numbers again (the log's newest PUT of
 * a number wins), so nothing is lost or doubled. Stateless.
 */
final class EntriesMigration {

    private EntriesMigration() {
    }

    /**
     * Moves every earlier layout's entries into {@code log}; the MVStore is committed after each step.
     *
     * @return how many entries did not decode (dropped); the index counts the moved ones that name no key
     */
    static int run(MVStore store, MVMap<Long, String> keys, EntryLog log) {
        int damaged = 0;
        if (store.hasMap(SpoolFile.EVENTS_MAP) || store.hasMap(LegacyMigration.LEGACY_PENDING_MAP)) {
            MVMap<String, byte[]> events = store.openMap(SpoolFile.EVENTS_MAP);
            damaged += LegacyMigration.migrate(store, events);
            damaged += number(events, entriesMap(store), keys, log.highest());
            store.removeMap(events);
            commit(store);
        }
        if (store.hasMap(SpoolFile.ENTRIES_MAP)) {
            MVMap<Long, byte[]> entries = entriesMap(store);
            for (Map.Entry<Long, byte[]> entry : entries.entrySet()) {
                if (entry.getKey() > 0 && entry.getValue() != null) {
                    log.put(entry.getKey(), entry.getValue());
                } else {
                    damaged++;
                }
            }
            log.commit();
            store.removeMap(entries);
            commit(store);
        }
        return damaged;
    }

    /**
     * Gives the string-keyed events their key numbers and entry numbers (each key's events in their order, after every
     * entry number in use); how many had no valid store key or were no event (dropped, as the index would).
     */
    private static int number(MVMap<String, byte[]> events, MVMap<Long, byte[]> entries, MVMap<Long, String> keys,
            long highestInLog) {
        Map<String, Long> numbers = new HashMap<>();
        long nextKey = 1;
        for (Map.Entry<Long, String> key : keys.entrySet()) {
            // As the index will read them: a number that is no key's is free (the index drops it at load).
            if (key.getKey() >= 1 && key.getKey() < Integer.MAX_VALUE && SpoolKey.decode(key.getValue()) != null) {
                numbers.putIfAbsent(key.getValue(), key.getKey());
                nextKey = Math.max(nextKey, key.getKey() + 1);
            }
        }
        Long last = entries.lastKey();
        long nextEntry = Math.max(last == null ? 0 : last, highestInLog) + 1;
        int damaged = 0;
        for (Map.Entry<String, byte[]> event : events.entrySet()) {
            SpoolRecord.Key parsed = SpoolRecord.parseKey(event.getKey());
            byte[] value = SpoolRecord.fromPrevious(event.getValue());
            if (parsed == null || value == null || !SpoolIndex.isEvent(value)) {
                damaged++;
                continue;
            }
            String prefix = parsed.key().encode();
            Long number = numbers.get(prefix);
            if (number == null) {
                number = nextKey++;
                numbers.put(prefix, number);
                keys.put(number, prefix);
            }
            SpoolRecord.setKeyNumber(value, number.intValue());
            entries.put(nextEntry++, value);
        }
        return damaged;
    }

    private static MVMap<Long, byte[]> entriesMap(MVStore store) {
        return store.openMap(SpoolFile.ENTRIES_MAP, new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE));
    }

    private static void commit(MVStore store) {
        store.commit();
        store.sync();
    }
}

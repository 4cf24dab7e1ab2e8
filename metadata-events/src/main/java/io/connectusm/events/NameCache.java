package io.connectusm.events;

import java.nio.charset.StandardCharsets;

/**
 * The names of one document, each made a {@code String} once: a batch repeats the same envelope and payload names in
 * every event, and a worker's config keys in every snapshot of its connectors. Direct-mapped by a hash of the bytes;
 * a slot holds the last name that fell there, so a miss only costs the {@code String} it would have cost anyway.
 * Printable ASCII names only (their bytes are their characters). Not thread-safe: one per document.
 */
final class NameCache {

    private static final int SLOTS = 512;
    private static final int MAX_CACHED = 64;

    private final String[] slots = new String[SLOTS];

    /** The name whose bytes are {@code [from, to)} of {@code in}, printable ASCII. */
    String get(byte[] in, int from, int to) {
        int length = to - from;
        if (length > MAX_CACHED) {
            return new String(in, from, length, StandardCharsets.ISO_8859_1);
        }
        int hash = length;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + in[i];
        }
        int slot = (hash ^ hash >>> 16) & (SLOTS - 1);
        String cached = slots[slot];
        if (cached != null && matches(cached, in, from, length)) {
            return cached;
        }
        String name = new String(in, from, length, StandardCharsets.ISO_8859_1);
        slots[slot] = name;
        return name;
    }

    private static boolean matches(String name, byte[] in, int from, int length) {
        if (name.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (name.charAt(i) != in[from + i]) {
                return false;
            }
        }
        return true;
    }
}

package io.connectusm.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The names a thread has read, each made a {@code String} once: a batch repeats the same envelope and payload names
 * in every event, and a worker's config keys in every snapshot of its connectors, batch after batch. Direct-mapped
 * by a hash of a few of the bytes, two slots a hash; a miss only costs the {@code String} it would have cost anyway.
 * Printable ASCII names only (their bytes are their characters). Strings are immutable, so what one document cached
 * serves the next. Measured ({@code IngestHotPathBenchmark}): no less CPU on the scanning thread, but less garbage
 * per snapshot, which the collector's threads no longer pay for. Not thread-safe: one per thread ({@link #get()}).
 */
final class NameCache {

    private static final int SLOTS = 1024;
    private static final int MAX_CACHED = 64;
    private static final ThreadLocal<NameCache> PER_THREAD = ThreadLocal.withInitial(NameCache::new);

    private final String[] names = new String[SLOTS];
    private final byte[][] bytes = new byte[SLOTS][];

    private NameCache() {
    }

    /** This thread's cache. */
    static NameCache get() {
        return PER_THREAD.get();
    }

    /** The name whose bytes are {@code [from, to)} of {@code in}, printable ASCII. */
    String get(byte[] in, int from, int to) {
        int length = to - from;
        if (length == 0 || length > MAX_CACHED) {
            return new String(in, from, length, StandardCharsets.ISO_8859_1);
        }
        // A few bytes, not all: names differ at their ends (setting.12, setting.13) and in length.
        int hash = length * 0x9e3779b1 + in[from] * 31 + in[to - 1] * 961 + in[from + length / 2] * 29791
                + in[to - 1 - length / 4] * 923521;
        int slot = (hash ^ hash >>> 15) & (SLOTS - 2);
        if (matches(bytes[slot], in, from, length)) {
            return names[slot];
        }
        if (matches(bytes[slot + 1], in, from, length)) {
            return names[slot + 1];
        }
        String name = new String(in, from, length, StandardCharsets.ISO_8859_1);
        // The empty one of the two, else the first: the second keeps the older name.
        int into = bytes[slot] == null || bytes[slot + 1] != null ? slot : slot + 1;
        bytes[into] = Arrays.copyOfRange(in, from, to);
        names[into] = name;
        return name;
    }

    /** A plain loop: names are short. */
    private static boolean matches(byte[] cached, byte[] in, int from, int length) {
        if (cached == null || cached.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (cached[i] != in[from + i]) {
                return false;
            }
        }
        return true;
    }
}

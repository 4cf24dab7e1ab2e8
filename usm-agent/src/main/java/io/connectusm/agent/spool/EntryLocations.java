package io.connectusm.agent.spool;

import java.util.Arrays;

/**
 * Where each live entry of the {@link EntryLog} is: entry number → (segment number, offset of its PUT record in that
 * segment, length of its value). An open-addressing hash table of primitive arrays (linear probing, deletion by
 * backward shift, so no tombstones pile up in a queue that removes as much as it adds): about 20 bytes per slot and no
 * object per entry, which is what lets the spool keep ~100k pending events' locations in a few MB. The table doubles
 * at three quarters full (linear probing stays short there), so it holds 27-53 bytes per entry.
 *
 * <p>Entry numbers are positive ({@code 0} marks a free slot). Not thread-safe: the committer thread's.
 */
final class EntryLocations {

    private static final int MIN_CAPACITY = 64;

    /** Entry numbers, 0 for a free slot. */
    private long[] numbers = new long[MIN_CAPACITY];
    /** Segment number in the high 32 bits, record offset in the low 32. */
    private long[] places = new long[MIN_CAPACITY];
    private int[] lengths = new int[MIN_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    /** The slot of {@code number}, or -1 (always for a number below 1, which no entry has). */
    int find(long number) {
        if (number <= 0) {
            return -1;
        }
        int mask = numbers.length - 1;
        for (int slot = hash(number) & mask; ; slot = (slot + 1) & mask) {
            long at = numbers[slot];
            if (at == number) {
                return slot;
            }
            if (at == 0) {
                return -1;
            }
        }
    }

    int segmentAt(int slot) {
        return (int) (places[slot] >>> 32);
    }

    int offsetAt(int slot) {
        return (int) places[slot];
    }

    int lengthAt(int slot) {
        return lengths[slot];
    }

    /** Records (or moves) {@code number}'s PUT. */
    void put(long number, int segment, int offset, int length) {
        if (number <= 0) {
            throw new IllegalArgumentException("entry numbers are positive: " + number);
        }
        int slot = find(number);
        if (slot < 0) {
            if (4 * (size + 1) > 3 * numbers.length) {
                grow();
            }
            slot = freeSlot(number);
            numbers[slot] = number;
            size++;
        }
        places[slot] = ((long) segment << 32) | (offset & 0xFFFF_FFFFL);
        lengths[slot] = length;
    }

    /** Removes the entry in {@code slot} (from {@link #find}). */
    void removeAt(int slot) {
        int mask = numbers.length - 1;
        int free = slot;
        // Backward shift: move every entry of the run after the freed slot that may now sit closer to its home.
        for (int next = (free + 1) & mask; numbers[next] != 0; next = (next + 1) & mask) {
            int home = hash(numbers[next]) & mask;
            boolean movable = free <= next ? home <= free || home > next : home <= free && home > next;
            if (movable) {
                numbers[free] = numbers[next];
                places[free] = places[next];
                lengths[free] = lengths[next];
                free = next;
            }
        }
        numbers[free] = 0;
        size--;
    }

    /** The numbers of the live entries, ascending (the order they were appended). */
    long[] numbers() {
        long[] live = new long[size];
        int n = 0;
        for (long number : numbers) {
            if (number != 0) {
                live[n++] = number;
            }
        }
        Arrays.sort(live);
        return live;
    }

    /** The numbers of the live entries whose PUT is in {@code segment}, ascending. */
    long[] numbersIn(int segment) {
        int n = 0;
        long[] found = new long[16];
        for (int slot = 0; slot < numbers.length; slot++) {
            if (numbers[slot] != 0 && segmentAt(slot) == segment) {
                if (n == found.length) {
                    found = Arrays.copyOf(found, 2 * n);
                }
                found[n++] = numbers[slot];
            }
        }
        long[] result = Arrays.copyOf(found, n);
        Arrays.sort(result);
        return result;
    }

    private int freeSlot(long number) {
        int mask = numbers.length - 1;
        int slot = hash(number) & mask;
        while (numbers[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldNumbers = numbers;
        long[] oldPlaces = places;
        int[] oldLengths = lengths;
        numbers = new long[oldNumbers.length * 2];
        places = new long[numbers.length];
        lengths = new int[numbers.length];
        for (int i = 0; i < oldNumbers.length; i++) {
            if (oldNumbers[i] != 0) {
                int slot = freeSlot(oldNumbers[i]);
                numbers[slot] = oldNumbers[i];
                places[slot] = oldPlaces[i];
                lengths[slot] = oldLengths[i];
            }
        }
    }

    /** Entry numbers count up: a multiplicative mix spreads consecutive ones over the table. */
    private static int hash(long number) {
        long h = number * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32));
    }
}

package io.connectusm.agent.spool;

import java.util.Arrays;

/**
 * The entry numbers of one key's pending events, oldest first: a small array deque of {@code long}s (at most
 * {@code spool.history.size} of them in steady state), eight bytes per pending event and no object per entry. Not
 * thread-safe: the spool index's, on the committer thread.
 */
final class EntryNumbers {

    private long[] numbers = new long[4];
    private int head;
    private int size;

    int size() {
        return size;
    }

    /** The {@code index}-th oldest. */
    long get(int index) {
        return numbers[(head + index) % numbers.length];
    }

    /** Appends the newest. */
    void add(long number) {
        if (size == numbers.length) {
            long[] grown = new long[size * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = get(i);
            }
            numbers = grown;
            head = 0;
        }
        numbers[(head + size++) % numbers.length] = number;
    }

    /** Removes and returns the oldest; the caller checks {@link #size()} first. */
    long removeFirst() {
        long first = numbers[head];
        head = (head + 1) % numbers.length;
        size--;
        return first;
    }

    /** Removes {@code number} wherever it is; whether it was there. */
    boolean remove(long number) {
        for (int i = 0; i < size; i++) {
            if (get(i) == number) {
                for (int j = i; j < size - 1; j++) {
                    numbers[(head + j) % numbers.length] = get(j + 1);
                }
                size--;
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        long[] pending = new long[size];
        Arrays.setAll(pending, this::get);
        return Arrays.toString(pending);
    }
}

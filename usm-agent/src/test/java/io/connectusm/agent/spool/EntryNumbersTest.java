package io.connectusm.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-key deque of entry numbers behaves as a deque across wrap-arounds and growth (against ArrayDeque). */
class EntryNumbersTest {

    @Test
    void behavesAsADequeUnderRandomOperations() {
        Random random = new Random(16);
        EntryNumbers numbers = new EntryNumbers();
        Deque<Long> expected = new ArrayDeque<>();
        long next = 1;
        for (int i = 0; i < 20_000; i++) {
            int op = random.nextInt(10);
            if (op < 5 || expected.isEmpty()) {
                numbers.add(next);
                expected.addLast(next++);
            } else if (op < 8) {
                assertThat(numbers.removeFirst()).isEqualTo(expected.removeFirst());
            } else {
                long victim = expected.isEmpty() ? -1 : expected.toArray(new Long[0])[random.nextInt(expected.size())];
                assertThat(numbers.remove(victim)).isTrue();
                expected.remove(victim);
                assertThat(numbers.remove(next + 1)).isFalse();
            }
            assertThat(numbers.size()).isEqualTo(expected.size());
            int index = 0;
            for (long number : expected) {
                assertThat(numbers.get(index++)).isEqualTo(number);
            }
        }
    }
}

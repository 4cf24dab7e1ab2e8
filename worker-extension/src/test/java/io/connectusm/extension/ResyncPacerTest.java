package io.connectusm.extension;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ResyncPacerTest {

    private static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    void aSliceOf250IsResyncedInChunksOf25AStepApart() {
        ResyncPacer pacer = new ResyncPacer();
        List<String> slice = names("c", 250);
        pacer.enqueue(slice);

        List<String> resynced = new ArrayList<>();
        List<Instant> chunkTimes = new ArrayList<>();
        for (Instant now = T0; pacer.nextAt() != null; now = now.plusMillis(10)) {
            List<String> chunk = pacer.due(now);
            if (!chunk.isEmpty()) {
                assertThat(chunk).hasSizeLessThanOrEqualTo(ResyncPacer.CHUNK);
                resynced.addAll(chunk);
                chunkTimes.add(now);
            }
        }

        assertThat(resynced).containsExactlyElementsOf(slice);
        assertThat(chunkTimes).hasSize(10).startsWith(T0);
        for (int i = 1; i < chunkTimes.size(); i++) {
            assertThat(Duration.between(chunkTimes.get(i - 1), chunkTimes.get(i))).isGreaterThanOrEqualTo(ResyncPacer.STEP);
        }
    }

    /**
     * Random slices queued at random times, some overlapping a slice still under way, the loop waking at random
     * (early, late, or exactly when told): every queued connector is resynced, once per time it was queued while not
     * already waiting, never more than a chunk per step, never two chunks closer than a step.
     */
    @Test
    void randomSlicesAndWakeUpsNeverBurstNorLoseAConnector() {
        for (long seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            ResyncPacer pacer = new ResyncPacer();
            Map<String, Integer> expected = new HashMap<>();
            Map<String, Integer> resynced = new HashMap<>();
            List<String> waiting = new ArrayList<>();
            Instant lastChunk = null;
            Instant now = T0;
            int slicesLeft = 1 + random.nextInt(6);
            while (slicesLeft > 0 || pacer.nextAt() != null) {
                if (slicesLeft > 0 && random.nextInt(8) == 0) {
                    List<String> slice = names("s" + random.nextInt(4) + "-", random.nextInt(400));
                    for (String name : slice) {
                        if (!waiting.contains(name)) {
                            expected.merge(name, 1, Integer::sum);
                            waiting.add(name);
                        }
                    }
                    pacer.enqueue(slice);
                    slicesLeft--;
                }
                List<String> chunk = pacer.due(now);
                assertThat(chunk).hasSizeLessThanOrEqualTo(ResyncPacer.CHUNK).doesNotHaveDuplicates();
                if (!chunk.isEmpty()) {
                    if (lastChunk != null) {
                        assertThat(Duration.between(lastChunk, now)).isGreaterThanOrEqualTo(ResyncPacer.STEP);
                    }
                    lastChunk = now;
                    chunk.forEach(name -> resynced.merge(name, 1, Integer::sum));
                    waiting.removeAll(chunk);
                }
                assertThat(pacer.queued()).isEqualTo(waiting.size());
                Instant next = pacer.nextAt();
                now = switch (random.nextInt(3)) {
                    case 0 -> now.plusMillis(1 + random.nextInt(60));
                    case 1 -> next != null && next.isAfter(now) ? next : now.plusMillis(1 + random.nextInt(60));
                    default -> now.plusMillis(1 + random.nextInt(400));
                };
            }
            assertThat(resynced).as("seed %d", seed).isEqualTo(expected);
        }
    }

    @Test
    void nothingQueuedMeansNothingDueAndNoWakeUp() {
        ResyncPacer pacer = new ResyncPacer();
        assertThat(pacer.due(T0)).isEmpty();
        assertThat(pacer.nextAt()).isNull();
        pacer.enqueue(List.of());
        assertThat(pacer.nextAt()).isNull();
    }

    private static List<String> names(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    @Test
    void isUnderWayFromTheSliceQueuedUntilItsLastChunkIsDone() {
        ResyncPacer pacer = new ResyncPacer();
        assertThat(pacer.underWay()).isFalse();
        pacer.enqueue(names("c", 30));
        assertThat(pacer.underWay()).isTrue();
        assertThat(pacer.due(T0)).hasSize(ResyncPacer.CHUNK);
        pacer.chunkDone();
        assertThat(pacer.underWay()).isTrue();
        assertThat(pacer.due(T0.plus(ResyncPacer.STEP))).hasSize(5);
        assertThat(pacer.underWay()).as("its last chunk is not appended yet").isTrue();
        pacer.chunkDone();
        assertThat(pacer.underWay()).isFalse();
        pacer.enqueue(List.of());
        assertThat(pacer.underWay()).isFalse();
    }
}

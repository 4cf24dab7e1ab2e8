package io.connectusm.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The committer's order of work, asserted on what it does rather than on time: housekeeping (the store's compaction)
 * never runs while a task waits, except one step of overdue housekeeping between two groups.
 */
class GroupCommitterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What the committer did, in order: "commit", "step idle", "step busy". */
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<?>> futures = new CopyOnWriteArrayList<>();
    /** Per idle step: whether every future submitted so far had completed when it began. */
    private final List<Boolean> idleStepsAfterAllAcks = new CopyOnWriteArrayList<>();

    private CompletableFuture<Integer> submit(GroupCommitter committer, int value) {
        CompletableFuture<Integer> future = committer.submit(true, () -> value);
        futures.add(future);
        return future;
    }

    @Test
    void housekeepingWaitsUntilEveryWaitingTaskIsAcknowledged() throws Exception {
        CountDownLatch inFirstCommit = new CountDownLatch(1);
        CountDownLatch releaseFirstCommit = new CountDownLatch(1);
        AtomicInteger commits = new AtomicInteger();
        AtomicInteger idleSteps = new AtomicInteger();
        GroupCommitter committer = new GroupCommitter(64, () -> {
            log.add("commit");
            if (commits.incrementAndGet() == 1) {
                inFirstCommit.countDown();
                awaitUninterruptibly(releaseFirstCommit);
            }
        }, () -> { }, idle -> {
            log.add(idle ? "step idle" : "step busy");
            if (!idle) {
                return true; // wants more: must still get one step only while tasks wait
            }
            idleStepsAfterAllAcks.add(futures.stream().allMatch(CompletableFuture::isDone));
            // After the second group, a round of three steps (before it, the idle poll's steps find nothing to do).
            int step = commits.get() == 2 ? idleSteps.incrementAndGet() : 0;
            return step > 0 && step < 3;
        });
        committer.start();
        try {
            submit(committer, 0);
            assertThat(inFirstCommit.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            // Queued behind the commit in progress: one group next, with housekeeping only after its acks.
            for (int i = 1; i <= 5; i++) {
                submit(committer, i);
            }
            releaseFirstCommit.countDown();
            for (CompletableFuture<?> future : futures) {
                future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            await().atMost(WAIT).until(() -> idleSteps.get() >= 3);
        } finally {
            committer.close();
        }
        assertThat(commits).hasValue(2);
        assertThat(idleStepsAfterAllAcks).isNotEmpty().containsOnly(true);
        List<String> beforeSecondCommit = log.subList(log.indexOf("commit"), log.lastIndexOf("commit"));
        // Between the two groups at most one (busy) step, however much the housekeeping wanted.
        assertThat(beforeSecondCommit).containsExactlyInAnyOrder("commit", "step busy");
        List<String> afterSecondCommit = log.subList(log.lastIndexOf("commit") + 1, log.size());
        assertThat(afterSecondCommit).startsWith("step idle", "step idle", "step idle").doesNotContain("step busy");
    }

    @Test
    void aTaskArrivingDuringAStepIsServedBeforeTheNextStep() throws Exception {
        AtomicReference<CompletableFuture<Integer>> arrived = new AtomicReference<>();
        List<Boolean> arrivedDoneAtLaterSteps = new ArrayList<>();
        AtomicReference<GroupCommitter> self = new AtomicReference<>();
        CountDownLatch laterStep = new CountDownLatch(1);
        GroupCommitter committer = new GroupCommitter(64, () -> { }, () -> { }, idle -> {
            if (arrived.get() == null) {
                arrived.set(submit(self.get(), 42)); // a POST arriving while this step runs
                return true; // and the round wants more
            }
            synchronized (arrivedDoneAtLaterSteps) {
                arrivedDoneAtLaterSteps.add(arrived.get().isDone());
            }
            laterStep.countDown();
            return false;
        });
        self.set(committer);
        committer.start();
        try {
            submit(committer, 1).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(laterStep.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(arrived.get().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(42);
        } finally {
            committer.close();
        }
        synchronized (arrivedDoneAtLaterSteps) {
            assertThat(arrivedDoneAtLaterSteps).isNotEmpty().containsOnly(true);
        }
    }

    @Test
    void aFailedHousekeepingStepStopsWrites() throws Exception {
        GroupCommitter committer = new GroupCommitter(64, () -> { }, () -> { }, idle -> {
            throw new IllegalStateException("the store cannot write");
        });
        committer.start();
        try {
            submit(committer, 1).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> !committer.isWritable());
        } finally {
            committer.close();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

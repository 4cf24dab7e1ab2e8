package io.connectusm.agent.spool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool's one writer thread, and its group commit: every operation is a task on a bounded queue; the thread
 * takes every task waiting (up to {@value #MAX_TASKS_PER_COMMIT}), applies them all, then runs the commit once
 * (write and fsync) and only then completes the tasks' futures. So a future that completed means "on disk", and
 * one fsync covers every batch that arrived meanwhile. After each commit that changed something it runs the
 * {@code onCommitted} observer.
 *
 * <p><b>Housekeeping never holds a waiting group.</b> Work that no caller waits for (compaction of the log and the
 * store) is a {@link Housekeeping} run in bounded steps only after a group's futures completed, and only while the
 * queue is empty: a task that arrives during a step waits for that one step at most, then is served before the next
 * step. Only housekeeping that says it is overdue (a queue that never empties) gets one step between two groups.
 *
 * <p>{@link #submit} never blocks: a full queue fails the future with {@link SpoolFullException}. A commit (or a
 * housekeeping step) that fails makes the spool stop taking writes ({@link #isWritable()} turns false) and a failed
 * commit fails the tasks it covered.
 *
 * <p>Thread-safe: {@link #submit} may be called from any thread. Lifecycle: {@link #start()}, {@link #close()}
 * (applies what is queued, then stops).
 */
final class GroupCommitter {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    private static final int MAX_TASKS_PER_COMMIT = 4096;

    private record Task<T>(boolean mutates, Callable<T> action, CompletableFuture<T> future) {
        void complete(Object result) {
            @SuppressWarnings("unchecked")
            T value = (T) result;
            future.complete(value);
        }
    }

    /** Bounded work nobody waits for, run by the committer between groups. */
    @FunctionalInterface
    interface Housekeeping {
        /**
         * Runs one bounded step, if there is work to do (or, when {@code idle} is false, only if it is overdue).
         *
         * @param idle whether no task is waiting: when false, a step delays the next group
         * @return whether another step is wanted now
         */
        boolean step(boolean idle);
    }

    private final BlockingQueue<Task<?>> queue;
    private final Runnable commit;
    private final Runnable onCommitted;
    private final Housekeeping housekeeping;
    private final Thread thread;
    private volatile boolean accepting = true;
    private volatile boolean healthy = true;

    /**
     * @param capacity    tasks waiting for the next commit at most
     * @param commit      writes and forces everything the tasks changed; throws when it cannot
     * @param onCommitted run on this thread after each commit that changed something; must not block
     * @param housekeeping run on this thread between groups, see {@link Housekeeping}
     */
    GroupCommitter(int capacity, Runnable commit, Runnable onCommitted, Housekeeping housekeeping) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.commit = commit;
        this.onCommitted = onCommitted;
        this.housekeeping = housekeeping;
        this.thread = new Thread(this::run, "usm-agent-spool-committer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Queues {@code action} for the committer thread.
     *
     * @param mutates whether it changes the spool's files: its future then completes only after the commit
     */
    <T> CompletableFuture<T> submit(boolean mutates, Callable<T> action) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (!accepting) {
            future.completeExceptionally(new IllegalStateException("the spool is closed"));
        } else {
            Task<T> task = new Task<>(mutates, action, future);
            if (!queue.offer(task)) {
                future.completeExceptionally(new SpoolFullException("the spool's commit queue is full"));
            } else if (!accepting && queue.remove(task)) {
                // close() began between the check and the offer; the thread may be gone: never leave a caller
                // waiting on a future nobody completes.
                future.completeExceptionally(new IllegalStateException("the spool is closed"));
            }
        }
        return future;
    }

    /** Whether writes are taken: open, the thread alive and the last commit good. */
    boolean isWritable() {
        return accepting && healthy && thread.isAlive();
    }

    private void run() {
        List<Task<?>> tasks = new ArrayList<>();
        List<Object> results = new ArrayList<>();
        while (accepting || !queue.isEmpty()) {
            try {
                Task<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    housekeep();
                    continue;
                }
                tasks.add(first);
                queue.drainTo(tasks, MAX_TASKS_PER_COMMIT - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            boolean mutated = false;
            for (Task<?> task : tasks) {
                try {
                    results.add(task.action().call());
                    mutated |= task.mutates();
                } catch (Exception e) {
                    results.add(e);
                }
            }
            Exception commitFailure = null;
            if (mutated) {
                try {
                    commit.run();
                } catch (RuntimeException e) {
                    healthy = false;
                    commitFailure = e;
                    LOG.error("spool commit failed; the spool stops taking writes", e);
                }
            }
            for (int i = 0; i < tasks.size(); i++) {
                Task<?> task = tasks.get(i);
                Object result = results.get(i);
                if (result instanceof Exception failure) {
                    task.future().completeExceptionally(failure);
                } else if (commitFailure != null && task.mutates()) {
                    task.future().completeExceptionally(commitFailure);
                } else {
                    task.complete(result);
                }
            }
            tasks.clear();
            results.clear();
            if (mutated && commitFailure == null) {
                onCommitted.run();
            }
            housekeep();
        }
    }

    /**
     * Housekeeping steps while no task waits (one step, if overdue, when tasks do); the queue is checked before each
     * step, so a task that arrived during one is served before the next.
     */
    private void housekeep() {
        try {
            boolean idle = queue.isEmpty();
            boolean more = healthy && housekeeping.step(idle);
            while (more && idle && queue.isEmpty()) {
                more = housekeeping.step(true);
            }
        } catch (RuntimeException e) {
            healthy = false;
            LOG.error("spool housekeeping failed; the spool stops taking writes", e);
        }
    }

    /** Stops taking tasks, lets the thread apply and commit what is queued (up to 30 s), fails what is left. */
    void close() {
        accepting = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.forEach(task -> task.future().completeExceptionally(new IllegalStateException("the spool is closed")));
    }
}

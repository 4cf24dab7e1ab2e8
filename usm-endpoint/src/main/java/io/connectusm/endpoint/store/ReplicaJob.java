package io.connectusm.endpoint.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.connectusm.secrets.TextScrubber;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A periodic job that runs on one replica at a time: each pass runs inside a transaction that holds the lock of its
 * row in {@code endpoint_locks} ({@code SELECT … FOR UPDATE SKIP LOCKED}, on H2 and PostgreSQL alike); a replica
 * that finds the row locked skips the pass. A replica that dies mid-pass loses its connection, which releases the
 * lock. A pass that did its work is recorded in the row ({@code last_run_at}, {@code last_run_by}) so a job can
 * space its passes across replicas. Used by the history retention and the webhook delivery job.
 *
 * <p>A pass that throws is logged (the exception's type and message, any credential in it masked; no stack trace)
 * and the schedule goes on. Thread-safe. Lifecycle: {@link #start} schedules passes on one
 * daemon thread, {@link #close()} stops them and waits (bounded) for the pass in flight, which sees
 * {@link #closing()} and ends after its current step: the thread is never interrupted, since an interrupted thread
 * can close an H2 file under its feet.
 */
public final class ReplicaJob implements AutoCloseable {

    /** How long {@link #close()} waits for a pass in flight. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    private static final int BY_MAX = 255;
    private static final Logger log = LoggerFactory.getLogger(ReplicaJob.class);
    private static final TextScrubber SCRUBBER = TextScrubber.standard();

    /** One pass's work, run while this replica holds the lock row. */
    @FunctionalInterface
    public interface Pass<T> {
        /**
         * @param now       when the pass started (the job's clock, to the microsecond)
         * @param lastRunAt when a replica last recorded a pass of this job, {@code null} if never
         * @return what the pass did, recorded as a run; empty when it chose not to run (nothing recorded)
         */
        Optional<T> run(Instant now, Instant lastRunAt) throws SQLException;
    }

    private final Database database;
    private final String lock;
    private final Clock clock;
    private final String replica;
    private ScheduledExecutorService scheduler;
    private volatile boolean closing;

    /**
     * @param lock    the job's row in {@code endpoint_locks} (inserted by the migration that brings the job)
     * @param replica names this process in the lock row (e.g. host and port), for operators
     */
    public ReplicaJob(Database database, String lock, Clock clock, String replica) {
        this.database = database;
        this.lock = lock;
        this.clock = clock;
        this.replica = replica.length() > BY_MAX ? replica.substring(0, BY_MAX) : replica;
    }

    /**
     * Runs {@code pass} now if this replica gets the lock row; its result, or empty when another replica holds the
     * lock or the pass chose not to run. The lock is held for the whole pass (the pass may use other transactions).
     */
    public <T> Optional<T> runLocked(Pass<T> pass) {
        return database.inTransaction(c -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Instant lastRunAt;
            try (PreparedStatement ps = c.prepareStatement("SELECT last_run_at FROM endpoint_locks WHERE name = ? "
                    + "FOR UPDATE SKIP LOCKED")) {
                ps.setString(1, lock);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        log.debug("{} runs on another replica", lock);
                        return Optional.<T>empty();
                    }
                    lastRunAt = Sql.instant(rs, 1);
                }
            }
            Optional<T> result = pass.run(now, lastRunAt);
            if (result.isPresent()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE endpoint_locks SET last_run_at = ?, "
                        + "last_run_by = ? WHERE name = ?")) {
                    ps.setObject(1, Sql.utc(now));
                    ps.setString(2, replica);
                    ps.setString(3, lock);
                    ps.executeUpdate();
                }
            }
            return result;
        });
    }

    /**
     * Schedules {@code tick} on a daemon thread named {@code threadName}: first after {@code initialDelay}, then
     * {@code period} after the end of each run. A tick that throws is logged and the next one runs on time. Does
     * nothing when already started or closed.
     */
    public synchronized void start(String threadName, Duration initialDelay, Duration period, Runnable tick) {
        if (scheduler != null || closing) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                tick.run();
            } catch (RuntimeException e) {
                log.warn("{} pass failed; the next one retries: {}", lock, SCRUBBER.scrub(e.toString()));
            }
        }, initialDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Set once {@link #close()} began: a pass in flight should end after its current step. */
    public boolean closing() {
        return closing;
    }

    /** Stops the schedule and waits up to {@link #CLOSE_WAIT} for the pass in flight; idempotent. */
    @Override
    public synchronized void close() {
        closing = true;
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("{} pass still running after {} s; leaving it to end on its own", lock,
                            CLOSE_WAIT.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }
}

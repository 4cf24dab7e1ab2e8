package io.connectusm.endpoint.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the connector history: deletes entries older than {@link Policy#maxAge()} and, per connector, all but
 * the newest {@link Policy#maxRowsPerConnector()}, in batches of their own short transactions.
 *
 * <p>One replica at a time: a pass runs only while it holds the lock row {@code endpoint_locks('history-retention')}
 * ({@link ReplicaJob}; a replica that finds it locked skips), and only when the row says that no replica finished
 * a pass within the last 90% of the interval, so several replicas together still run it about once per interval.
 * Deletions a dead replica already committed stay, which is safe.
 * Each pass logs what it deleted.
 *
 * <p>Thread-safe. Lifecycle: {@link #start()} schedules passes on a daemon thread, {@link #close()} stops them;
 * {@link #runOnce()} runs one pass now (tests, benchmarks).
 */
public final class HistoryRetention implements AutoCloseable {

    static final String LOCK = "history-retention";
    static final int BATCH = 5_000;

    private static final Logger log = LoggerFactory.getLogger(HistoryRetention.class);

    private final Database database;
    private final Policy policy;
    private final int batch;
    private final ReplicaJob job;

    /**
     * How long history is kept and how often the job looks.
     *
     * @param maxAge              entries older than this (by their event's time) are deleted
     * @param maxRowsPerConnector each connector keeps at most this many entries, the newest
     * @param interval            how often the job runs, across all replicas
     */
    public record Policy(Duration maxAge, int maxRowsPerConnector, Duration interval) {
        public Policy {
            if (maxRowsPerConnector < 1 || maxAge.isNegative() || maxAge.isZero() || interval.isNegative()
                    || interval.isZero()) {
                throw new IllegalArgumentException("retention needs a positive age, row count and interval");
            }
        }
    }

    /**
     * What one pass deleted.
     *
     * @param deletedByAge       entries older than the age limit
     * @param deletedByCount     entries beyond the per-connector limit
     * @param connectorsTrimmed  connectors that were over that limit
     * @param took               how long the pass took
     */
    public record Result(long deletedByAge, long deletedByCount, int connectorsTrimmed, Duration took) {
    }

    /** @param replica names this process in the lock row (e.g. host and port), for operators */
    public HistoryRetention(Database database, Policy policy, Clock clock, String replica) {
        this(database, policy, clock, replica, BATCH);
    }

    /** With batches of {@code batch} rows (and connectors) instead of {@value #BATCH} (tests). */
    HistoryRetention(Database database, Policy policy, Clock clock, String replica, int batch) {
        this.database = database;
        this.policy = policy;
        this.batch = batch;
        this.job = new ReplicaJob(database, LOCK, clock, replica);
    }

    /** Schedules passes: the first within a minute (at a random moment), then every interval. */
    public void start() {
        long interval = policy.interval().toMillis();
        long first = ThreadLocalRandom.current().nextLong(Math.min(interval, 60_000) + 1);
        job.start("usm-endpoint-history-retention", Duration.ofMillis(first), policy.interval(), this::runOnce);
    }

    /** Runs a pass now if this replica gets the lock and none ran recently; what it deleted, else empty. */
    public Optional<Result> runOnce() {
        return job.runLocked((now, last) -> {
            Duration recent = policy.interval().multipliedBy(9).dividedBy(10);
            if (last != null && last.isAfter(now.minus(recent))) {
                return Optional.empty();
            }
            long started = System.nanoTime();
            long byAge = deleteByAge(now.minus(policy.maxAge()));
            long[] byCount = trimConnectors();
            Result result = new Result(byAge, byCount[0], (int) byCount[1],
                    Duration.ofNanos(System.nanoTime() - started));
            log.info("history retention: deleted {} entries older than {} days and {} beyond {} per connector "
                    + "({} connectors) in {} ms", result.deletedByAge(), policy.maxAge().toDays(),
                    result.deletedByCount(), policy.maxRowsPerConnector(), result.connectorsTrimmed(),
                    result.took().toMillis());
            return Optional.of(result);
        });
    }

    private long deleteByAge(Instant cutoff) {
        long total = 0;
        int deleted;
        do {
            deleted = database.inTransaction(c -> HistoryRows.deleteOlderThan(c, cutoff, batch));
            total += deleted;
        } while (deleted >= batch && !job.closing());
        return total;
    }

    /** Trims every over-full connector; {entries deleted, connectors trimmed}. */
    private long[] trimConnectors() {
        long deleted = 0;
        int connectors = 0;
        List<HistoryRows.ConnectorKey> overFull;
        do {
            overFull = database.inTransaction(c -> HistoryRows.overFull(c, policy.maxRowsPerConnector(), batch));
            for (HistoryRows.ConnectorKey key : overFull) {
                if (job.closing()) {
                    break;
                }
                deleted += database.inTransaction(c -> HistoryRows.trim(c, key, policy.maxRowsPerConnector()));
                connectors++;
            }
        } while (overFull.size() == batch && !job.closing());
        return new long[] {deleted, connectors};
    }

    /** Stops the passes; one in flight ends after its current batch (never interrupted mid-statement). */
    @Override
    public void close() {
        job.close();
    }
}

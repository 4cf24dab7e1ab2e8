package io.connectusm.extension;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The reconcile passes without the {@link InternalTopicsFeed} (a standalone worker, {@code change.detection=polling},
 * or a feed that failed): every pass reads the connector list through the herder and every connector's state from
 * the status store, and compares them with what was last sent; a connector's config, a request to the herder's tick
 * thread that copies the herder's whole config snapshot, is read only when it may have changed
 * ({@link #configsToRead}) and once per resync interval in the pass's {@link ResyncSlices} slice. The reads run on
 * {@link HerderReader}'s threads; a pass completes in a later step.
 *
 * <p>Confined to the observer thread.
 */
final class PollingPasses {

    private static final Logger log = LoggerFactory.getLogger(PollingPasses.class);

    private final ConnectorObserver observer;
    private final HerderReader reader;
    private final ChangeDetector detector;
    private final RecheckWindows rechecks;
    private final ReconcileFailures failures = new ReconcileFailures();
    /** Connectors whose config a REST call may have changed, and when: the next pass re-reads them. */
    private final Map<String, Instant> configDue = new HashMap<>();
    private Future<HerderReader.FullRead> fullRead;
    private Predicate<String> resyncing;
    private boolean inventory;
    private boolean cycleEnds;
    private boolean everythingThisPass;
    private boolean everythingNext = true;
    private boolean allConfigsNext;

    PollingPasses(ConnectorObserver observer, HerderReader reader, ChangeDetector detector, RecheckWindows rechecks) {
        this.observer = observer;
        this.reader = reader;
        this.detector = detector;
        this.rechecks = rechecks;
    }

    /** REST calls may have changed these connectors' configs: the next pass re-reads them. */
    void configsChanged(Collection<String> names, Instant now) {
        names.forEach(name -> configDue.put(name, now));
    }

    /** The next pass reads every config and resyncs every connector (the first pass, or after the feed failed). */
    void everythingNext() {
        everythingNext = true;
    }

    /** The next pass reads every config (a REST create whose connector could not be named). */
    void allConfigsNext() {
        allConfigsNext = true;
    }

    boolean busy() {
        return fullRead != null;
    }

    /**
     * Starts a pass unless one is under way; the resync slice due, if any, is resynced (everything, on the first
     * pass or after the feed failed).
     */
    void begin(ResyncSlices slices, Instant now) {
        if (fullRead != null) {
            return;
        }
        boolean all = everythingNext;
        boolean allConfigs = all || allConfigsNext;
        everythingNext = false;
        allConfigsNext = false;
        everythingThisPass = all;
        int index = all ? ResyncSlices.NONE : slices.due(now, detector.knownCount());
        Predicate<String> slice = index == ResyncSlices.NONE ? name -> false : slices.slice(index);
        cycleEnds = index != ResyncSlices.NONE && slices.endsCycle(index);
        resyncing = all ? name -> true : slice;
        inventory = all || cycleEnds;
        fullRead = reader.readAll(now, allConfigs ? name -> true : configsToRead(slice));
    }

    /** Whether the pass that just finished ended a resync cycle (or was a full one). */
    boolean endedCycle() {
        return inventory;
    }

    /**
     * Completes the pass under way once its reads are done.
     *
     * @return whether a pass completed (successfully or not) in this step
     */
    boolean finish(Instant now, Duration reconcileInterval) {
        if (fullRead == null || !fullRead.isDone()) {
            return false;
        }
        try {
            HerderReader.FullRead read = fullRead.get();
            long compareStarted = System.nanoTime();
            FullReadOutcome applied = detector.apply(read, resyncing, inventory, now);
            applied.deleted().forEach(rechecks::forget);
            // A state changed while the config was not read: report it once a recheck has read the config
            // (or has waited RecheckWindows.CONFIG_ONCE_WAIT_MS for it).
            rechecks.openReadingConfigOnce(applied.configStale(), now);
            Set<String> listed = new HashSet<>(read.names());
            configDue.entrySet().removeIf(due -> !read.startedAt().isBefore(due.getValue())
                    && (read.configs().containsKey(due.getKey()) || !listed.contains(due.getKey())));
            // The cost of a pass at DEBUG, so an operator with many connectors can see it: herder reads wait on
            // the herder's tick thread, the comparison reads every connector's status from the status store.
            log.debug("Reconcile pass over {} connectors (polling): {} herder requests in {} ms, compared in {} ms",
                    read.names().size(), read.herderReads(), read.elapsed().toMillis(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - compareStarted));
            failures.succeeded();
        } catch (ExecutionException e) {
            if (ExtensionFailure.cannotWorkHere(e.getCause())) {
                throw new IllegalStateException("a read through the herder failed", e.getCause());
            }
            failures.failed(e.getCause(), now, reconcileInterval);
            everythingNext = everythingThisPass; // the full read failed: do it again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            fullRead = null;
        }
        return true;
    }

    /**
     * Which configs a pass reads: those of connectors this worker holds no config of, those a REST call may have
     * changed, and this pass's resync slice. The state of every connector is still compared every pass (it comes
     * from the status store, which does not wait for the herder).
     */
    private Predicate<String> configsToRead(Predicate<String> slice) {
        Set<String> held = detector.knownNames();
        Set<String> due = Set.copyOf(configDue.keySet());
        return name -> !held.contains(name) || due.contains(name) || slice.test(name);
    }
}

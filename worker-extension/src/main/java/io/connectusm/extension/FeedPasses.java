package io.connectusm.extension;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reconcile passes while the {@link InternalTopicsFeed} runs: it reports every change as it happens (a config
 * with its record, a state change as a hint that {@link RecheckWindows} follows up), so a pass only resyncs the
 * {@link ResyncSlices} slice due, if one is — each connector's state read again from the status store and resent
 * with the config held, paced in chunks by {@link ResyncPacer} — and, at the end of a cycle, the inventory. No pass
 * asks the herder's tick thread for anything. The first pass reports every connector with the configs the feed read
 * from the config topic at start.
 *
 * <p>Confined to the observer thread.
 */
final class FeedPasses {

    private static final Logger log = LoggerFactory.getLogger(FeedPasses.class);

    private final ConnectorObserver observer;
    private final ChangeDetector detector;
    private final RecheckWindows rechecks;
    private final ResyncPacer pacer;

    /** @param pacer the slices' pacing, shared with the delivery thread's {@link ResyncHold} */
    FeedPasses(ConnectorObserver observer, ChangeDetector detector, RecheckWindows rechecks, ResyncPacer pacer) {
        this.observer = observer;
        this.detector = detector;
        this.rechecks = rechecks;
        this.pacer = pacer;
    }

    /** The first pass: every connector the config topic holds, reported with its config, and the inventory. */
    void first(InternalTopicsFeed.InitialConfigs initial, Instant now) {
        long started = System.nanoTime();
        long herderBefore = observer.herderRequests();
        Map<String, Optional<ConnectorConfigView>> configs = new HashMap<>();
        Set<String> unreadable = new HashSet<>();
        initial.configs().forEach((name, raw) -> {
            if (raw == ConnectorConfigRecord.UNDECODABLE) {
                unreadable.add(name);
            } else {
                configs.put(name, Optional.of(observer.configView(raw)));
            }
        });
        HerderReader.FullRead read = new HerderReader.FullRead(initial.readAt(), List.copyOf(initial.configs().keySet()),
                configs, Set.of(), 0, Duration.ZERO);
        FullReadOutcome applied = detector.apply(read, name -> true, true, now);
        applied.deleted().forEach(rechecks::forget);
        // A config record this version cannot read: read that connector's config through the herder instead.
        rechecks.open(unreadable, unreadable, now);
        log.debug("Reconcile pass over {} connectors (first, from the config topic): {} herder requests, {} ms",
                configs.size() + unreadable.size(), observer.herderRequests() - herderBefore,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /**
     * A pass between: queues the slice due, if any, for {@link #resyncDue}; after the last slice of a cycle, the
     * inventory follows.
     *
     * @return whether a cycle ended
     */
    boolean slice(ResyncSlices slices, Instant now) {
        int index = slices.due(now, detector.knownCount());
        if (index == ResyncSlices.NONE) {
            return false; // nothing to do: the feed reports changes as they come
        }
        List<String> names = detector.knownWhere(slices.slice(index));
        pacer.enqueue(names);
        boolean endsCycle = slices.endsCycle(index);
        if (endsCycle) {
            detector.appendInventory(now);
        }
        log.debug("Reconcile pass (feed): slice {} of {} due, {} connectors to resync, {} per {} ms", index + 1,
                slices.slices(), names.size(), ResyncPacer.CHUNK, ResyncPacer.STEP.toMillis());
        return endsCycle;
    }

    /**
     * Resyncs the chunk of the queued slices due at {@code now}, if any: each connector's state read again from the
     * status store and resent with the config held.
     */
    void resyncDue(Instant now) {
        List<String> chunk = pacer.due(now);
        if (chunk.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        long herderBefore = observer.herderRequests();
        for (String name : chunk) {
            if (detector.resync(name, now) == Observation.DELETED) {
                rechecks.forget(name);
            }
        }
        pacer.chunkDone();
        log.trace("Resynced {} connectors ({} still queued): {} herder requests, {} ms", chunk.size(),
                pacer.queued(), observer.herderRequests() - herderBefore,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** When the next chunk of a queued slice is due, or {@code null} when none is queued. */
    Instant nextResyncAt() {
        return pacer.nextAt();
    }
}

package io.connectusm.extension;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.EventPayload;
import io.connectusm.events.MetadataEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The emitter's outbox: events not yet delivered, oldest first. It numbers them ({@code epoch} and a
 * {@code sequence} rising in insertion order), so one emitter's events are ordered as they were appended.
 *
 * <p>Memory is bounded by the number of subjects (connectors, one inventory, one plugin list), not by the
 * number of changes: each subject keeps at most {@code maxPerSubject} events and drops its oldest first, so the
 * newest state of every subject is always kept and the order of one subject's events is preserved.
 *
 * <p>Thread-safe (one monitor): the observer thread and REST threads append, the delivery thread reads and
 * removes and may wait for events.
 */
final class PendingEvents {

    /** The subject key of events without a subject (the inventory). */
    private static final String CLUSTER_SUBJECT = "\u0000cluster";

    private final int maxPerSubject;
    private final Instant epoch;
    private final LinkedList<MetadataEvent> queue = new LinkedList<>();
    private final Map<String, Integer> perSubject = new HashMap<>();
    /** Queued events that are not routine resends ({@link #isRoutine}): what must not wait behind a resync. */
    private int urgent;
    private long sequence;
    private long dropped;
    private boolean wakeUp;

    PendingEvents(int maxPerSubject, Instant epoch) {
        this.maxPerSubject = maxPerSubject;
        this.epoch = epoch;
    }

    /** Builds the next event of this emitter and queues it; wakes a waiting reader. */
    synchronized MetadataEvent append(ClusterRef cluster, String workerId, String subject, EventPayload payload,
                                      Instant time) {
        MetadataEvent event = new MetadataEvent(UUID.randomUUID().toString(), cluster, workerId, epoch, sequence++,
                time, subject, payload);
        add(event);
        return event;
    }

    /** Queues an event built elsewhere (tests). */
    synchronized void add(MetadataEvent event) {
        String subject = subjectOf(event);
        int count = perSubject.merge(subject, 1, Integer::sum);
        if (count > maxPerSubject) {
            for (Iterator<MetadataEvent> it = queue.iterator(); it.hasNext(); ) {
                MetadataEvent oldest = it.next();
                if (subjectOf(oldest).equals(subject)) {
                    it.remove();
                    urgent -= isRoutine(oldest) ? 0 : 1;
                    perSubject.merge(subject, -1, Integer::sum);
                    dropped++;
                    break;
                }
            }
        }
        queue.addLast(event);
        urgent += isRoutine(event) ? 0 : 1;
        wakeUp = true;
        notifyAll();
    }

    /** Up to {@code max} of the oldest events, left in place until {@link #remove(List)}. */
    synchronized List<MetadataEvent> peek(int max) {
        List<MetadataEvent> batch = new ArrayList<>(Math.min(max, queue.size()));
        for (MetadataEvent event : queue) {
            if (batch.size() == max) {
                break;
            }
            batch.add(event);
        }
        return batch;
    }

    /** Forgets events once delivered (or rejected for good); those dropped meanwhile are ignored. */
    synchronized void remove(List<MetadataEvent> delivered) {
        for (MetadataEvent event : delivered) {
            if (queue.remove(event)) {
                urgent -= isRoutine(event) ? 0 : 1;
                String subject = subjectOf(event);
                if (perSubject.merge(subject, -1, Integer::sum) <= 0) {
                    perSubject.remove(subject);
                }
            }
        }
    }

    /** Waits until an event is appended or {@link #wakeUp()} is called, at most {@code millis}. */
    synchronized void await(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!wakeUp) {
            long remaining = (deadline - System.nanoTime()) / 1_000_000L;
            if (remaining <= 0) {
                break;
            }
            wait(remaining);
        }
        wakeUp = false;
    }

    synchronized void wakeUp() {
        wakeUp = true;
        notifyAll();
    }

    synchronized boolean isEmpty() {
        return queue.isEmpty();
    }

    synchronized int size() {
        return queue.size();
    }

    /**
     * Whether every queued event is a routine resend — a {@code RESYNC} snapshot or the inventory — which may wait a
     * moment to leave with the rest of its resync slice in one request ({@link ResyncHold}); a change never waits.
     */
    synchronized boolean routineOnly() {
        return urgent == 0;
    }

    private static boolean isRoutine(MetadataEvent event) {
        EventPayload payload = event.payload();
        return payload instanceof ClusterInventory
                || payload instanceof ConnectorSnapshot && ((ConnectorSnapshot) payload).cause() == ChangeCause.RESYNC;
    }

    /** How many undelivered events were dropped because their subject had newer ones, since start. */
    synchronized long dropped() {
        return dropped;
    }

    private static String subjectOf(MetadataEvent event) {
        return event.subject() == null ? CLUSTER_SUBJECT : event.subject();
    }
}

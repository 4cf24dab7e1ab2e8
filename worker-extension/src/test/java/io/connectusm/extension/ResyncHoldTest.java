package io.connectusm.extension;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventPayload;
import io.connectusm.events.MetadataEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery thread's hold for a resync slice: the slice's snapshots wait for the rest of it, a change never waits
 * (and takes the waiting snapshots with it), nor anything once the slice is complete, the batch full or the hold too
 * long; and the outbox's count of what is routine stays right through drops and removals.
 */
class ResyncHoldTest {

    private static final Instant T0 = Instant.parse("2026-12-02T06:00:00Z");
    private long sequence;

    private MetadataEvent event(String subject, EventPayload payload) {
        return new MetadataEvent("id-" + sequence, new ClusterRef("k", "c"), "w:1", Instant.EPOCH, sequence++, T0,
                subject, payload);
    }

    private MetadataEvent snapshot(String name, ChangeCause cause) {
        return event(name, ConnectorSnapshot.builder().name(name).connectorType(ConnectorType.SOURCE)
                .state(ConnectorState.STOPPED).tasks(List.of()).config(Map.of("connector.class", "FileStreamSource"))
                .maskedKeys(List.of()).maskReasons(Map.of()).cause(cause).build());
    }

    @Test
    void aSliceUnderWayWaitsForItsRestThenLeavesAtOnce() {
        AtomicBoolean underWay = new AtomicBoolean(true);
        ResyncHold hold = new ResyncHold(underWay::get);

        assertThat(hold.hold(T0, true, false)).isTrue();
        assertThat(hold.hold(T0.plusMillis(900), true, false)).isTrue();
        underWay.set(false); // the last chunk is appended
        assertThat(hold.hold(T0.plusMillis(1_000), true, false)).isFalse();
    }

    @Test
    void aChangeAFullBatchOrAnOverlongHoldIsNeverHeld() {
        ResyncHold hold = new ResyncHold(() -> true);

        assertThat(hold.hold(T0, false, false)).as("a task failure is queued").isFalse();
        assertThat(hold.hold(T0, true, true)).as("a full batch").isFalse();
        assertThat(hold.hold(T0, true, false)).isTrue();
        assertThat(hold.hold(T0.plus(ResyncHold.MAX_HOLD).minusMillis(1), true, false)).isTrue();
        assertThat(hold.hold(T0.plus(ResyncHold.MAX_HOLD), true, false)).as("held long enough").isFalse();
        hold.sent();
        assertThat(hold.hold(T0.plus(ResyncHold.MAX_HOLD), true, false)).as("a new hold after a send").isTrue();
    }

    @Test
    void onlyResyncSnapshotsAndTheInventoryAreRoutineThroughDropsAndRemovals() {
        PendingEvents pending = new PendingEvents(1, Instant.EPOCH);
        assertThat(pending.routineOnly()).isTrue();
        pending.add(snapshot("a", ChangeCause.RESYNC));
        pending.add(event(null, new ClusterInventory(new TreeMap<>(Map.of("a", "sha256:" + "0".repeat(64))))));
        assertThat(pending.routineOnly()).isTrue();

        for (ChangeCause cause : ChangeCause.values()) {
            if (cause == ChangeCause.RESYNC) {
                continue;
            }
            pending.add(snapshot("b", cause)); // each replaces b's earlier one (one event per subject)
            assertThat(pending.routineOnly()).as(cause.toString()).isFalse();
        }
        pending.add(snapshot("b", ChangeCause.RESYNC)); // drops b's last change
        assertThat(pending.routineOnly()).isTrue();

        MetadataEvent failed = snapshot("c", ChangeCause.STATE_CHANGED);
        pending.add(failed);
        assertThat(pending.routineOnly()).isFalse();
        pending.remove(pending.peek(10));
        assertThat(pending.size()).isZero();
        assertThat(pending.routineOnly()).isTrue();
        pending.remove(List.of(failed)); // delivered twice: no count below zero
        pending.add(snapshot("d", ChangeCause.RESYNC));
        assertThat(pending.routineOnly()).isTrue();
    }
}

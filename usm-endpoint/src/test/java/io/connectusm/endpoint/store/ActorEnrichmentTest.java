package io.connectusm.endpoint.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import io.connectusm.events.ChangeActor;
import org.junit.jupiter.api.Test;

/**
 * Which history entries a second report of the same change gives its fuller actor, without a database: the direct
 * report of a forwarded call beats the leader's, an entry without an actor takes the actor of a report saying the same
 * thing, and nothing else changes (another principal, another call, another config version, out of the window, a
 * direct actor already there, an older entry without one).
 */
class ActorEnrichmentTest {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final String FP = "sha256:" + "a".repeat(64);
    static final String STOP = "PUT /connectors/src/stop";
    static final ChangeActor LEADER = new ChangeActor("alice", null, null, null, STOP, true);
    static final ChangeActor ALICE = new ChangeActor("alice", "10.1.2.3", null, "curl/8.5.0", STOP, false);

    private static SortedMap<Integer, String> tasks(String state) {
        return new TreeMap<>(java.util.Map.of(0, state));
    }

    private static HistoryEntry entry(long seq, Instant time, HistoryKind kind, String state, String taskState,
                                      ChangeActor actor) {
        return new HistoryEntry(seq, time, kind, state, kind == HistoryKind.DELETED ? null : FP, List.of(),
                kind == HistoryKind.DELETED ? new TreeMap<>() : tasks(taskState), actor);
    }

    private static ActorEnrichment.Report stopped(Instant time, ChangeActor actor) {
        return new ActorEnrichment.Report(time, false, FP, "STOPPED", new TreeMap<>(), actor);
    }

    @Test
    void theDirectReportOfAForwardedCallGivesEveryEntryOfTheCallItsAddress() {
        // One stop, two entries from the leader's reports: the connector, then its tasks.
        List<HistoryEntry> history = List.of(
                new HistoryEntry(12, T0.plusSeconds(1), HistoryKind.TASKS_CHANGED, "STOPPED", FP, List.of(),
                        new TreeMap<>(), LEADER),
                entry(11, T0, HistoryKind.STATE_CHANGED, "STOPPED", "RUNNING", LEADER),
                entry(10, T0.minusSeconds(5), HistoryKind.CREATED, "RUNNING", "RUNNING", null));

        assertThat(ActorEnrichment.of(history, stopped(T0.plusSeconds(2), ALICE)))
                .containsExactly(new ActorEnrichment.Update(12, ALICE), new ActorEnrichment.Update(11, ALICE));
    }

    @Test
    void aForwardedReportAfterTheDirectOneChangesNothing() {
        List<HistoryEntry> history = List.of(new HistoryEntry(11, T0, HistoryKind.STATE_CHANGED, "STOPPED", FP,
                List.of(), new TreeMap<>(), ALICE));

        assertThat(ActorEnrichment.of(history, stopped(T0.plusSeconds(1), LEADER))).isEmpty();
        assertThat(ActorEnrichment.of(history, stopped(T0.plusSeconds(1),
                new ChangeActor("alice", "10.9.9.9", null, "other/1", STOP, false))))
                .as("a direct actor is never replaced").isEmpty();
    }

    @Test
    void anotherPrincipalAnotherCallAnotherConfigOrOutsideTheWindowIsAnotherChange() {
        List<HistoryEntry> history = List.of(new HistoryEntry(11, T0, HistoryKind.STATE_CHANGED, "STOPPED", FP,
                List.of(), new TreeMap<>(), LEADER));

        assertThat(ActorEnrichment.of(history, stopped(T0, new ChangeActor("bob", "10.1.2.3", null, null, STOP,
                false)))).isEmpty();
        assertThat(ActorEnrichment.of(history, stopped(T0, new ChangeActor("alice", "10.1.2.3", null, null,
                "PUT /connectors/src/pause", false)))).isEmpty();
        assertThat(ActorEnrichment.of(history, new ActorEnrichment.Report(T0, false, "sha256:" + "b".repeat(64),
                "STOPPED", new TreeMap<>(), ALICE))).isEmpty();
        assertThat(ActorEnrichment.of(history, stopped(T0.plus(ActorEnrichment.SAME_CALL_WINDOW).plusMillis(1),
                ALICE))).isEmpty();
        assertThat(ActorEnrichment.of(history, stopped(T0.minus(ActorEnrichment.SAME_CALL_WINDOW), ALICE)))
                .as("the window's edge is inside").hasSize(1);
        assertThat(ActorEnrichment.of(history, stopped(T0, null))).isEmpty();
    }

    @Test
    void theNewestEntryWithoutActorTakesTheActorOfAReportSayingTheSame() {
        // A worker that saw no REST call reported the stop first.
        List<HistoryEntry> history = List.of(
                new HistoryEntry(11, T0, HistoryKind.STATE_CHANGED, "STOPPED", FP, List.of(), new TreeMap<>(), null),
                entry(10, T0.minusSeconds(2), HistoryKind.CREATED, "RUNNING", "RUNNING", null));

        assertThat(ActorEnrichment.of(history, stopped(T0.plusSeconds(1), LEADER)))
                .containsExactly(new ActorEnrichment.Update(11, LEADER));
        assertThat(ActorEnrichment.of(history, new ActorEnrichment.Report(T0, false, FP, "PAUSED", new TreeMap<>(),
                ALICE))).as("another state: not what the entry says").isEmpty();
        assertThat(ActorEnrichment.of(history, new ActorEnrichment.Report(T0, false, FP, "STOPPED", tasks("RUNNING"),
                ALICE))).as("other task states").isEmpty();
        assertThat(ActorEnrichment.of(List.of(history.get(1), history.get(0)), stopped(T0, ALICE)))
                .as("only the newest entry").isEmpty();
    }

    @Test
    void aDeletionsReportsAreOneChange() {
        ChangeActor leader = new ChangeActor("alice", null, null, null, "DELETE /connectors/src", true);
        ChangeActor direct = new ChangeActor("alice", "10.1.2.3", null, "curl/8.5.0", "DELETE /connectors/src", false);
        List<HistoryEntry> foundOnTheConfigTopic = List.of(entry(11, T0, HistoryKind.DELETED, null, null, null));
        List<HistoryEntry> byTheLeader = List.of(entry(11, T0, HistoryKind.DELETED, null, null, leader),
                entry(10, T0.minusSeconds(1), HistoryKind.STATE_CHANGED, "RUNNING", "RUNNING", leader));

        assertThat(ActorEnrichment.of(foundOnTheConfigTopic, new ActorEnrichment.Report(T0, true, null, null, null,
                direct))).containsExactly(new ActorEnrichment.Update(11, direct));
        assertThat(ActorEnrichment.of(byTheLeader, new ActorEnrichment.Report(T0, true, null, null, null, direct)))
                .as("a deletion's report is about the DELETED entry only")
                .containsExactly(new ActorEnrichment.Update(11, direct));
        assertThat(ActorEnrichment.of(List.of(entry(11, T0, HistoryKind.STATE_CHANGED, "RUNNING", "RUNNING", null)),
                new ActorEnrichment.Report(T0, true, null, null, null, direct))).isEmpty();
    }
}

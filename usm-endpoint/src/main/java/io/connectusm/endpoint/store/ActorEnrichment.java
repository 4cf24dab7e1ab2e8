package io.connectusm.endpoint.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

import io.connectusm.events.ChangeActor;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;

/**
 * Keeps the fullest actor known for one change, whichever report of it arrived first: a pure function of a
 * connector's recent history entries and one report that carries an actor, tested without a database
 * ({@link ConnectorStore} applies its {@link Update}s in the report's transaction).
 *
 * <p>Why: when a REST call is forwarded (a config write, a stop, a restart, a deletion through a worker that is not
 * the leader), two workers report the same change: the leader with the principal only ({@code forwarded: true}, no
 * address) and the worker the user called with her address and User-Agent. The first report to arrive writes the
 * history entry; the second finds the same state and writes nothing. Other workers that observed the change may
 * report it first with no actor at all. Without this rule the poorer report wins.
 *
 * <p>Which entries a report is about ("the same change"), all of them within {@link #SAME_CALL_WINDOW} of the
 * report's time (a worker attributes to a call the changes it finds within 10 s of it; the rest is clock skew
 * between workers):
 * <ul>
 *   <li>the same config version: the entry's config fingerprint is the report's (for a deletion: a {@code DELETED}
 *       entry), and</li>
 *   <li>either the entry's actor is the forwarded report of the same call (same principal, same
 *       {@code METHOD /path}) and the report's is not forwarded: every such entry takes the report's actor (one call
 *       makes several entries, a stop's connector then its tasks);</li>
 *   <li>or the entry has no actor, is the connector's newest, and says what the report says (the same connector
 *       state and task states; for a deletion: it is the deletion): it takes the report's actor, as the worker that
 *       sent it attributes that state to the call.</li>
 * </ul>
 * An entry with a direct (not forwarded) actor is never changed, nor one of another principal or call. Stateless.
 */
final class ActorEnrichment {

    /** How far apart in time two reports of the same REST call may be. */
    static final Duration SAME_CALL_WINDOW = Duration.ofSeconds(30);

    /** How many recent entries of a connector are looked at (a call makes a few). */
    static final int RECENT_ENTRIES = 16;

    private ActorEnrichment() {
    }

    /** Give history entry {@code sequence} the actor {@code actor}. */
    record Update(long sequence, ChangeActor actor) {
    }

    /**
     * What one report says, as far as this rule needs it.
     *
     * @param fingerprint the config fingerprint, {@code null} for a deletion
     * @param state       the connector's state, {@code null} for a deletion
     * @param taskStates  the tasks' states by ID, {@code null} for a deletion
     */
    record Report(Instant time, boolean deletion, String fingerprint, String state,
                  SortedMap<Integer, String> taskStates, ChangeActor actor) {

        static Report of(MetadataEvent event, ConnectorSnapshot s) {
            List<TaskSnapshot> tasks = s.tasks().stream().sorted(Comparator.comparingInt(TaskSnapshot::id)).toList();
            return new Report(event.time(), false, s.configFingerprint(), s.state().name(),
                    TaskStates.decode(TaskStates.encode(tasks)), s.actor());
        }

        static Report of(MetadataEvent event, ConnectorDeleted d) {
            return new Report(event.time(), true, null, null, null, d.actor());
        }
    }

    /** The updates {@code report} makes to {@code newestFirst}, a connector's recent entries (newest first). */
    static List<Update> of(List<HistoryEntry> newestFirst, Report report) {
        List<Update> out = new ArrayList<>();
        ChangeActor actor = report.actor();
        if (actor == null) {
            return out;
        }
        for (int i = 0; i < newestFirst.size(); i++) {
            HistoryEntry entry = newestFirst.get(i);
            if (!withinWindow(entry.time(), report.time()) || !sameConfigVersion(entry, report)) {
                continue;
            }
            ChangeActor stored = entry.actor();
            boolean fuller = stored == null ? i == 0 && saysTheSame(entry, report)
                    : stored.forwarded() && !actor.forwarded() && Objects.equals(stored.principal(), actor.principal())
                    && Objects.equals(stored.request(), actor.request());
            if (fuller) {
                out.add(new Update(entry.sequence(), actor));
            }
        }
        return out;
    }

    private static boolean withinWindow(Instant entry, Instant report) {
        return Duration.between(entry, report).abs().compareTo(SAME_CALL_WINDOW) <= 0;
    }

    private static boolean sameConfigVersion(HistoryEntry entry, Report report) {
        return report.deletion() ? entry.kind() == HistoryKind.DELETED
                : entry.kind() != HistoryKind.DELETED && Objects.equals(entry.configFingerprint(), report.fingerprint());
    }

    private static boolean saysTheSame(HistoryEntry entry, Report report) {
        return report.deletion() || Objects.equals(entry.state(), report.state())
                && Objects.equals(entry.taskStates(), report.taskStates());
    }
}

package io.connectusm.endpoint.store;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import io.connectusm.events.TaskSnapshot;

/**
 * A history row's task states in one short text column: {@code "0=RUNNING,1=FAILED"}, by task ID. Task states
 * are Connect's state names (letters and underscores), so neither separator can occur in one. Stateless.
 */
final class TaskStates {

    private TaskStates() {
    }

    /** The tasks' states, by ID; {@code ""} for a connector without tasks. */
    static String encode(List<TaskSnapshot> tasks) {
        StringBuilder out = new StringBuilder();
        for (TaskSnapshot t : tasks) {
            out.append(out.length() == 0 ? "" : ",").append(t.id()).append('=').append(t.state().name());
        }
        return out.toString();
    }

    /** The states of {@link #encode}'s text; {@code null} stays {@code null} (not recorded). */
    static SortedMap<Integer, String> decode(String text) {
        if (text == null) {
            return null;
        }
        SortedMap<Integer, String> out = new TreeMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(Integer.parseInt(pair.substring(0, eq)), pair.substring(eq + 1));
            }
        }
        return out;
    }
}

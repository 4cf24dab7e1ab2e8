package io.connectusm.endpoint.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The difference between two masked configurations, key by key, sorted by key. Both sides are masked
 * already, so a changed secret is invisible here (both sides read {@code ********}): nothing secret can
 * appear in a diff. Stateless.
 */
public final class ConfigDiff {

    /** How one key changed. */
    public enum Kind { ADDED, REMOVED, CHANGED }

    /**
     * One changed key.
     *
     * @param key      the config key
     * @param kind     added, removed or changed
     * @param oldValue the masked value before, {@code null} when added
     * @param newValue the masked value after, {@code null} when removed
     */
    public record Change(String key, Kind kind, String oldValue, String newValue) {
    }

    private ConfigDiff() {
    }

    public static List<Change> between(Map<String, String> before, Map<String, String> after) {
        SortedSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<Change> changes = new ArrayList<>();
        for (String key : keys) {
            String oldValue = before.get(key);
            String newValue = after.get(key);
            if (!before.containsKey(key)) {
                changes.add(new Change(key, Kind.ADDED, null, newValue));
            } else if (!after.containsKey(key)) {
                changes.add(new Change(key, Kind.REMOVED, oldValue, null));
            } else if (!Objects.equals(oldValue, newValue)) {
                changes.add(new Change(key, Kind.CHANGED, oldValue, newValue));
            }
        }
        return changes;
    }
}

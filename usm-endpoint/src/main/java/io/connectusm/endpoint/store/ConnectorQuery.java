package io.connectusm.endpoint.store;

import java.util.Locale;
import java.util.Set;

/**
 * Which of a cluster's live connectors a list shows, and in what order: by connector states, connector type,
 * whether failing (the connector or any task FAILED), name prefix and name substring (both ignoring case), sorted
 * by one {@link Sort} key, then by name. Every filter left {@code null} (or empty) admits everything. Immutable.
 *
 * @param states       connector states to admit (e.g. {@code FAILED}); empty: any
 * @param type         the connector type ({@code SOURCE}, {@code SINK}); {@code null}: any
 * @param failing      {@code true}: only failing connectors, {@code false}: only the others; {@code null}: both
 * @param namePrefix   the name starts with this, ignoring case; {@code null}: any
 * @param nameContains the name contains this, ignoring case; {@code null}: any
 * @param sort         the order
 * @param descending   whether the sort key runs backwards (names of equal keys still ascend)
 */
public record ConnectorQuery(Set<String> states, String type, Boolean failing, String namePrefix,
                             String nameContains, Sort sort, boolean descending) {

    /** Every live connector, failing ones first, then by name. */
    public static final ConnectorQuery ALL = new ConnectorQuery(Set.of(), null, null, null, null, Sort.FAILING, false);

    public ConnectorQuery {
        states = Set.copyOf(states);
        type = type == null ? null : type.toUpperCase(Locale.ROOT);
        namePrefix = namePrefix == null || namePrefix.isEmpty() ? null : namePrefix;
        nameContains = nameContains == null || nameContains.isEmpty() ? null : nameContains;
        if (sort == null) {
            throw new IllegalArgumentException("sort is required");
        }
    }

    /** What a list can be sorted by; equal keys are ordered by name. */
    public enum Sort {
        /** Failing connectors (connector or any task FAILED) first: the default, so the broken ones show. */
        FAILING("failing", true),
        NAME("name", false),
        STATE("state", false),
        TYPE("connector_type", false),
        /** The time of the last change, newest first. */
        LAST_CHANGE("last_change", true),
        /** The number of failed tasks, most first. */
        TASKS_FAILED("tasks_failed", true);

        private final String column;
        private final boolean naturallyDescending;

        Sort(String column, boolean naturallyDescending) {
            this.column = column;
            this.naturallyDescending = naturallyDescending;
        }

        /** The name a client gives in {@code sort=} (lower case). */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The sort named {@code label}, or {@code null}. */
        public static Sort of(String label) {
            for (Sort s : values()) {
                if (s.label().equals(label)) {
                    return s;
                }
            }
            return null;
        }

        String column() {
            return column;
        }

        /** Whether the key runs from largest to smallest unless the client reverses it. */
        public boolean naturallyDescending() {
            return naturallyDescending;
        }
    }
}

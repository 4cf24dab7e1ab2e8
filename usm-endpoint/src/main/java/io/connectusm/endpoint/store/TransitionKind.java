package io.connectusm.endpoint.store;

import java.util.Locale;

/**
 * A transition worth telling someone about, the unit of webhook subscriptions ({@code webhook.NAME.events}).
 * Stored and configured by {@link #wireName()}, e.g. {@code connector.failed}.
 */
public enum TransitionKind {
    /** The connector entered FAILED (also: first seen FAILED). */
    CONNECTOR_FAILED,
    /** A task entered FAILED (also: first seen FAILED); one transition per task. */
    TASK_FAILED,
    /** The connector and all its tasks left FAILED: nothing of it is failed any more. */
    CONNECTOR_RECOVERED,
    /** A live connector was deleted (or an inventory no longer listed it). */
    CONNECTOR_DELETED,
    /** The connector's masked config changed. */
    CONFIG_CHANGED,
    /** The Connect cluster sent nothing for longer than {@code webhook.cluster.stale.after.ms}. */
    CLUSTER_STALE;

    /** {@code connector.failed}, {@code task.failed}, … {@code cluster.stale}. */
    public String wireName() {
        String lower = name().toLowerCase(Locale.ROOT);
        int underscore = lower.indexOf('_');
        return lower.substring(0, underscore) + "." + lower.substring(underscore + 1);
    }

    /** The kind of a {@link #wireName()}. */
    public static TransitionKind ofWireName(String wireName) {
        for (TransitionKind kind : values()) {
            if (kind.wireName().equals(wireName)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown transition '" + wireName + "'");
    }
}

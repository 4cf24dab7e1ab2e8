package io.connectusm.endpoint.store;

import java.util.ArrayList;
import java.util.List;

import io.connectusm.events.ChangeActor;

/**
 * Says in words what caused one history entry: "paused by alice from 10.1.2.3 (curl/8.5)" for a change made through
 * the Connect REST API, "task change, found by reconcile" for one no REST call caused; every {@link HistoryKind}
 * says something, with or without an actor ({@code ChangeDescriptionTest}). The console's connector page and the
 * API's {@code caused_by} use it. Stateless.
 */
final class ChangeDescription {

    private ChangeDescription() {
    }

    static String of(HistoryEntry entry) {
        String what = what(entry);
        ChangeActor actor = entry.actor();
        if (actor == null) {
            // No REST call of a reporting worker caused it: a task failure or rebalance the reconcile pass found, a
            // deletion seen on the config topic or missing from an inventory, or an entry older than actors.
            return what + ", found by reconcile";
        }
        StringBuilder text = new StringBuilder(what).append(" by ")
                .append(actor.principal() == null ? "an unauthenticated caller" : actor.principal());
        if (actor.clientAddress() != null) {
            text.append(" from ").append(actor.clientAddress());
        }
        if (actor.forwardedFor() != null) {
            text.append(" (X-Forwarded-For ").append(actor.forwardedFor()).append(')');
        }
        List<String> notes = new ArrayList<>();
        if (actor.userAgent() != null) {
            notes.add(actor.userAgent());
        }
        if (actor.forwarded()) {
            notes.add("forwarded to the leader by another worker");
        }
        if (!notes.isEmpty()) {
            text.append(" (").append(String.join("; ", notes)).append(')');
        }
        return text.toString();
    }

    private static String what(HistoryEntry entry) {
        boolean rest = entry.actor() != null;
        switch (entry.kind()) {
            case CREATED:
                return "created";
            case CONFIG_UPDATED:
                return "config updated";
            case DELETED:
                return "deleted";
            case TASKS_CHANGED:
                return rest ? "tasks changed" : "task change";
            case STATE_CHANGED:
            default:
                return stateVerb(entry.state(), rest);
        }
    }

    private static String stateVerb(String state, boolean rest) {
        if (state == null) {
            return "state changed";
        }
        switch (state) {
            case "PAUSED":
                return "paused";
            case "STOPPED":
                return "stopped";
            case "RUNNING":
                return rest ? "resumed" : "running again";
            case "FAILED":
                return rest ? "failed" : "connector failure";
            case "RESTARTING":
                return "restarting";
            default:
                return "now " + state.toLowerCase(java.util.Locale.ROOT);
        }
    }
}

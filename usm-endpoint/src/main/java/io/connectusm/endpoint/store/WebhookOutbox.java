package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@code webhook_outbox} table: the durable queue of webhook deliveries.
 *
 * <p>Writing: {@link ConnectorStore} calls {@link #enqueue} in the transaction that applies a change, one row per
 * (subscribed webhook, {@link Transition}), so a transition is queued if and only if its change is stored, once
 * (the unique {@code (webhook, idempotency_key)} also stops a second replica's copy), and survives restarts.
 * The row's payload is the transition with its cluster's environment and names: no config value, no trace, no
 * secret. Reading: the delivery job runs under {@link #deliveryJob} (the lock row {@code endpoint_locks('webhook-delivery')}, a
 * {@link ReplicaJob}: one replica at a time), takes {@link #due} rows and records each attempt in its own short transaction, so a crash between a
 * receiver's 2xx and {@link #delivered} sends that one row again: at least once.
 *
 * <p>Thread-safe; stateless apart from its immutable subscriptions.
 */
public final class WebhookOutbox {

    static final String LOCK = "webhook-delivery";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int ERROR_MAX = 512;

    private final Database database;
    private final Map<String, Set<TransitionKind>> subscriptions;
    private final Clock clock;

    /**
     * @param subscriptions per webhook name, the transitions it receives (empty map: no webhooks, nothing queued)
     */
    public WebhookOutbox(Database database, Map<String, Set<TransitionKind>> subscriptions, Clock clock) {
        this.database = database;
        Map<String, Set<TransitionKind>> copy = new LinkedHashMap<>();
        subscriptions.forEach((name, kinds) -> copy.put(name, kinds.isEmpty() ? Set.of() : Set.copyOf(kinds)));
        this.subscriptions = Map.copyOf(copy);
        this.clock = clock;
    }

    /** An outbox nobody subscribes to: {@link #enqueue} writes nothing. */
    public static WebhookOutbox none(Database database) {
        return new WebhookOutbox(database, Map.of(), Clock.systemUTC());
    }

    /** One queued delivery. */
    public record Delivery(long id, String webhook, String idempotencyKey, TransitionKind kind, String payloadJson,
                           int attempts, Instant createdAt) {
    }

    /** Whether any webhook receives {@code kind}. */
    public boolean anySubscribes(TransitionKind kind) {
        return subscriptions.values().stream().anyMatch(kinds -> kinds.contains(kind));
    }

    /** Queues each transition for every webhook that subscribes to its kind, in the caller's transaction. */
    void enqueue(Connection c, Dialect dialect, List<Transition> transitions) throws SQLException {
        if (subscriptions.isEmpty() || transitions.isEmpty()) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (Transition t : transitions) {
            String payload = null;
            for (Map.Entry<String, Set<TransitionKind>> webhook : subscriptions.entrySet()) {
                if (!webhook.getValue().contains(t.kind())) {
                    continue;
                }
                if (payload == null) {
                    payload = payload(c, t);
                }
                String json = payload;
                dialect.insertIfAbsent(c, "INSERT INTO webhook_outbox (webhook, idempotency_key, transition, "
                        + "payload_json, created_at, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, 0, ?)", ps -> {
                            ps.setString(1, webhook.getKey());
                            ps.setString(2, t.idempotencyKey());
                            ps.setString(3, t.kind().wireName());
                            ps.setString(4, json);
                            ps.setObject(5, Sql.utc(now));
                            ps.setObject(6, Sql.utc(now));
                        });
            }
        }
    }

    /** The transition as JSON, with its cluster's environment and names (looked up here, once per transition). */
    private static String payload(Connection c, Transition t) throws SQLException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("transition", t.kind().wireName());
        body.put("idempotency_key", t.idempotencyKey());
        body.put("time", t.time().toString());
        body.put("connect_cluster", t.connectCluster());
        try (PreparedStatement ps = c.prepareStatement("SELECT environment, cp_connect_cluster_id, display_name, "
                + "cp_kafka_cluster_id FROM connect_clusters WHERE id = ?")) {
            ps.setString(1, t.connectCluster());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    body.put("environment", rs.getString(1));
                    body.put("cp_connect_cluster_id", rs.getString(2));
                    body.put("connect_cluster_name", rs.getString(3));
                    body.put("cp_kafka_cluster_id", rs.getString(4));
                }
            }
        }
        if (t.connector() != null) {
            body.put("connector", t.connector());
        }
        if (t.task() != null) {
            body.put("task", t.task());
        }
        if (t.state() != null) {
            body.put("state", t.state());
        }
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    /**
     * The delivery job's lock row {@code endpoint_locks('webhook-delivery')}, for {@code replica}: its passes run on
     * one replica at a time and use the other methods, each in its own transaction.
     */
    public ReplicaJob deliveryJob(String replica) {
        return new ReplicaJob(database, LOCK, clock, replica);
    }

    /** Undelivered rows whose next attempt is due, oldest first. */
    public List<Delivery> due(int limit) {
        Instant now = clock.instant();
        return database.inTransaction(c -> {
            List<Delivery> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, webhook, idempotency_key, transition, "
                    + "payload_json, attempts, created_at FROM webhook_outbox WHERE delivered_at IS NULL "
                    + "AND next_attempt_at <= ? ORDER BY id LIMIT ?")) {
                ps.setObject(1, Sql.utc(now));
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3),
                                TransitionKind.ofWireName(rs.getString(4)), rs.getString(5), rs.getInt(6),
                                Sql.instant(rs, 7)));
                    }
                }
            }
            return out;
        });
    }

    /** The receiver answered 2xx. */
    public void delivered(long id) {
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_outbox SET delivered_at = ?, "
                    + "attempts = attempts + 1, last_error = NULL WHERE id = ?")) {
                ps.setObject(1, Sql.utc(clock.instant()));
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
    }

    /** An attempt failed: try again at {@code nextAttempt}; {@code error} must name no secret (no URL query). */
    public void failed(long id, Instant nextAttempt, String error) {
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_outbox SET attempts = attempts + 1, "
                    + "next_attempt_at = ?, last_error = ? WHERE id = ?")) {
                ps.setObject(1, Sql.utc(nextAttempt));
                ps.setString(2, error.length() > ERROR_MAX ? error.substring(0, ERROR_MAX) : error);
                ps.setLong(3, id);
                return ps.executeUpdate();
            }
        });
    }

    /** Gives up on a row (too old, or its webhook is no longer configured): deleted. */
    public void drop(long id) {
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM webhook_outbox WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate();
            }
        });
    }

    /** Deletes delivered rows delivered before {@code cutoff}; how many. */
    public int purgeDelivered(Instant cutoff) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM webhook_outbox WHERE delivered_at IS NOT NULL "
                    + "AND delivered_at < ?")) {
                ps.setObject(1, Sql.utc(cutoff));
                return ps.executeUpdate();
            }
        });
    }

    /** Undelivered rows, for the metrics. */
    public long pending() {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM webhook_outbox "
                    + "WHERE delivered_at IS NULL"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Queues a {@link TransitionKind#CLUSTER_STALE} for every registration silent for longer than {@code after}
     * and not yet notified for this silence (a report after the notification starts a new one); the transitions
     * queued. Run under {@link #deliveryJob}, though a second run would queue nothing new.
     */
    public List<Transition> queueStaleClusters(Duration after) {
        if (!anySubscribes(TransitionKind.CLUSTER_STALE)) {
            return List.of();
        }
        Instant cutoff = clock.instant().minus(after);
        Dialect dialect = database.dialect();
        return database.inTransaction(c -> {
            List<Transition> stale = new ArrayList<>();
            ClusterReportStore.silentSince(c, cutoff, 1000).forEach((cc, lastReport) -> stale.add(
                    new Transition(TransitionKind.CLUSTER_STALE, cc, null, null, null, lastReport)));
            enqueue(c, dialect, stale);
            ClusterReportStore.notifiedStale(c, stale.stream().map(Transition::connectCluster).toList(),
                    clock.instant());
            return stale;
        });
    }

    /** Every kind, for a webhook that names none. */
    public static Set<TransitionKind> allKinds() {
        return EnumSet.allOf(TransitionKind.class);
    }
}

package io.connectusm.endpoint.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One transition of a connector, a task or a Connect cluster, as queued for webhooks. It carries names, states and
 * times only: never a config value or a trace (a trace is scrubbed, but a webhook receiver is a third party).
 * Immutable.
 *
 * @param kind           what happened
 * @param connectCluster the registration's {@code usmcc-} ID
 * @param connector      the connector's name, {@code null} for a cluster transition
 * @param task           the task's ID for {@link TransitionKind#TASK_FAILED}, else {@code null}
 * @param state          the connector's (or task's) state after the transition, {@code null} when deleted or for
 *                       a cluster
 * @param time           when it happened: the event's time, or for a stale cluster the time of its last report
 */
public record Transition(TransitionKind kind, String connectCluster, String connector, Integer task, String state,
                         Instant time) {

    /**
     * The same for every replica and every redelivery of this transition, different for any other: a hash of what
     * identifies it (kind, cluster, connector, task and time at microseconds). Receivers deduplicate on it.
     */
    public String idempotencyKey() {
        String identity = kind.wireName() + "\n" + connectCluster + "\n" + (connector == null ? "" : connector)
                + "\n" + (task == null ? "" : task) + "\n" + time.getEpochSecond() + "." + time.getNano() / 1_000;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

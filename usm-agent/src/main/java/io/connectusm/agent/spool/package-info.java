/**
 * The durable spool: where an event becomes durable. {@link io.connectusm.agent.spool.Spool} is the façade the
 * data plane appends to (its future completes after the fsync that covers the batch, which is when the worker gets
 * its 204) and the forwarder reads from and acknowledges to. Behind it, one class per job:
 * <ul>
 *   <li>{@code SpoolFile} — the H2 MVStore file: open, recover (a rollback reported through the
 *       {@code CommitMarker}, an unreadable file moved aside), commit + fsync, compaction in steps;</li>
 *   <li>{@code GroupCommitter} — the one thread that touches the store: takes every queued task, applies them,
 *       commits once, then completes their futures; compaction only between groups, while no task waits;</li>
 *   <li>{@code SpoolIndex} — the in-memory index of keys (not events): coalescing to a bounded history per
 *       {@link io.connectusm.agent.spool.SpoolKey}, deduplication by state digest per key and worker
 *       ({@code SameState}), the byte limit after coalescing;</li>
 *   <li>{@code LegacyMigration} — the one-batch-per-key layout of earlier agents, migrated at start;</li>
 *   <li>{@code SpoolRecord}, {@code IncomingEvent}, {@link io.connectusm.agent.spool.BatchCodec} — the stored form of an
 *       event (its numeric store key, digest and bytes as the worker sent them) and the agent's one use of the wire
 *       contract (the scan, and the codec for rare paths).</li>
 * </ul>
 *
 * <p>May call metadata-events, H2's MVStore and the Prometheus client; nothing else of the agent.
 */
package io.connectusm.agent.spool;

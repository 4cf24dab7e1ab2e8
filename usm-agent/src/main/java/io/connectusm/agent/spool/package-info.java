/**
 * The durable spool: where an event becomes durable. {@link io.connectusm.agent.spool.Spool} is the façade the
 * data plane appends to (its future completes after the fsync that covers the batch, which is when the worker gets
 * its 204) and the forwarder reads from and acknowledges to. Behind it, one class per job:
 * <ul>
 *   <li>{@code EntryLog} — the pending events: an append-only log of PUT/REMOVE records (length + CRC32C framed,
 *       {@code LogRecords}) in segment files {@code entries-<n>.log} of ~16 MB ({@code LogSegment}), and in memory
 *       only where each live entry is ({@code EntryLocations}); group commit = one write + {@code force}; recovery
 *       cuts a torn tail of the last segment ({@code SegmentScanner}), counts damage elsewhere; compaction copies the
 *       oldest segment's live entries to the head and deletes it, so the disk stays within about twice the live
 *       bytes plus two segments;</li>
 *   <li>{@code SpoolFile} — the spool's files: the log, and the H2 MVStore {@code spool.mv.db} with the small,
 *       rarely written maps (key numbers, forwarded states), committed before the log in a group; a rollback of the
 *       log reported through the {@code CommitMarker}, an unreadable store moved aside; compaction in steps;</li>
 *   <li>{@code GroupCommitter} — the one thread that touches the files: takes every queued task, applies them,
 *       commits once, then completes their futures; compaction only between groups, while no task waits;</li>
 *   <li>{@code SpoolIndex} — the in-memory index of keys (not events): coalescing to a bounded history per
 *       {@link io.connectusm.agent.spool.SpoolKey}, deduplication by state digest per key and worker
 *       ({@code SameState}), the byte limit after coalescing;</li>
 *   <li>{@code EntriesMigration}, {@code LegacyMigration} — the layouts of earlier agents (events in the MVStore),
 *       moved into the log at start, idempotently;</li>
 *   <li>{@code SpoolRecord}, {@code IncomingEvent}, {@link io.connectusm.agent.spool.BatchCodec} — the stored form of an
 *       event (its numeric store key, digest and bytes as the worker sent them) and the agent's one use of the wire
 *       contract (the scan, and the codec for rare paths).</li>
 * </ul>
 *
 * <p>May call metadata-events, H2's MVStore and the Prometheus client; nothing else of the agent.
 */
package io.connectusm.agent.spool;

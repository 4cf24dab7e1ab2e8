package io.connectusm.agent.spool;

/**
 * The result of an append: how many events were stored and how many were already known (the same state as the
 * key's newest pending or last forwarded one). Immutable.
 */
public record AppendResult(int stored, int deduplicated) {
}

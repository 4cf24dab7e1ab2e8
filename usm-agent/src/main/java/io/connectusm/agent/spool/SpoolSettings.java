package io.connectusm.agent.spool;

import java.nio.file.Path;

/**
 * Where the spool lives and how much it may hold. Immutable.
 *
 * @param directory     directory of the store file (created if missing)
 * @param maxBytes      pending event bytes at most, after coalescing; beyond, appends are refused (503)
 * @param historySize   pending transitions kept per key
 * @param queueCapacity batches waiting for the next group commit at most
 */
public record SpoolSettings(Path directory, long maxBytes, int historySize, int queueCapacity) {
}

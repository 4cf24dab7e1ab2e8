package io.connectusm.benchmarks.ingest;

import java.net.URI;

/**
 * One server under load in an A/B pair: the agent (spool on tmpfs or on disk) or the baseline server. Started fresh
 * for every run, so each run starts with an empty spool. Lifecycle: built started, {@link #audit} after the clients
 * stopped, {@link #close()}.
 */
interface Target extends AutoCloseable {

    /** Where the clients POST. */
    URI eventsUri();

    /**
     * Checks the run against the target's own records: {@code posts} POSTs carrying {@code events} events were
     * answered 204. Returns {@code null} when everything adds up, else what does not (for the report).
     */
    String audit(long posts, long events) throws Exception;

    /** Facts about the run to report (spool entries and the like); may be empty. */
    default String facts() {
        return "";
    }

    @Override
    void close();
}
